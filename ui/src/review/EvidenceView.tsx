// A submission's evidence, as a reviewer reads it. A scenario run: what changed, load before and after, the checks,
// the reflection. A milestone project: what changed, how each milestone went, and the documents themselves.
import { LoadReportChart, LoadReportTable } from '../components/LoadReportChart';
import type { LoadReport } from '../reports';
import { CheckResults } from './CheckResults';
import { DiffView } from '../components/DiffView';
import { Markdown } from '../components/Markdown';
import { Reflection } from './Reflection';
import { TrailList, type TrailEntry } from '../components/DiagnosticTrail';
import type {
  CheckResultsPayload, DiffPayload, DocumentsPayload, Evidence, MilestoneResultsPayload, ReflectionAnswer,
} from './types';

/** The kinds a scenario run and a project record; anything else is shown as it was stored. */
const KNOWN_KINDS = ['diff', 'load-before', 'load-after', 'check-results', 'reflection', 'documents', 'milestone-results', 'diagnostic-trail'];

/** The payload of the newest item of a kind, or undefined when there is none. */
function payloadOf<T>(evidence: Evidence[], kind: string): T | undefined {
  const item = evidence.filter((e) => e.kind === kind).at(-1);
  return item ? (JSON.parse(item.payload) as T) : undefined;
}

export function EvidenceView({ evidence }: { evidence: Evidence[] }) {
  if (evidence.length === 0) return <p className="notice">This submission has no evidence recorded.</p>;
  if (evidence.some((e) => e.kind === 'milestone-results' || e.kind === 'documents')) return <ProjectEvidence evidence={evidence} />;
  const diff = payloadOf<DiffPayload>(evidence, 'diff');
  const before = payloadOf<LoadReport>(evidence, 'load-before');
  const after = payloadOf<Record<string, LoadReport>>(evidence, 'load-after') ?? {};
  const checks = payloadOf<CheckResultsPayload>(evidence, 'check-results');
  const reflection = payloadOf<ReflectionAnswer[]>(evidence, 'reflection');
  const trail = payloadOf<TrailEntry[]>(evidence, 'diagnostic-trail');
  const loads = [
    ...(before ? [{ name: 'Before: baseline', report: before }] : []),
    ...Object.entries(after).sort(([a], [b]) => a.localeCompare(b)).map(([profile, report]) => ({ name: `After: ${profile}`, report })),
  ];
  return (
    <>
      <section className="panel" aria-labelledby="evidence-diff">
        <h2 id="evidence-diff">What changed</h2>
        {diff ? <DiffView files={diff.files} empty="The learner changed no files." /> : <p className="muted">No diff was recorded.</p>}
      </section>
      <section className="panel" aria-labelledby="evidence-load">
        <h2 id="evidence-load">Load before and after the fix</h2>
        {loads.length === 0 ? (
          <p className="muted">No load report was recorded.</p>
        ) : (
          <>
            <LoadReportTable caption="Measured after each run's warm-up" reports={loads} />
            {Object.keys(after).length === 0 && <p className="muted">No load ran after the fix: the checks never ran to completion.</p>}
            <div className="grid2 load-charts">
              {loads.map(({ name, report }) => <LoadReportChart key={name} title={name} report={report} />)}
            </div>
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="evidence-trail">
        <h2 id="evidence-trail">How they diagnosed</h2>
        <p className="muted">One timeline: the commands, statements and log filters they used, with their load runs, restarts and check runs between them.</p>
        {trail ? <TrailList entries={trail} /> : <p className="muted">The learner used none of the diagnostic tools.</p>}
      </section>
      <section className="panel" aria-labelledby="evidence-checks">
        <h2 id="evidence-checks">Check results</h2>
        {checks ? <CheckResults results={checks} /> : <p className="muted">No check results were recorded.</p>}
      </section>
      <section className="panel" aria-labelledby="evidence-reflection">
        <h2 id="evidence-reflection">Reflection</h2>
        {reflection ? <Reflection answers={reflection} /> : <p className="muted">The learner wrote no reflection.</p>}
      </section>
      <OtherEvidence evidence={evidence} />
    </>
  );
}

function OtherEvidence({ evidence }: { evidence: Evidence[] }) {
  return (
    <>
      {evidence.filter((e) => !KNOWN_KINDS.includes(e.kind)).map((item) => (
        <section className="panel" key={item.id} aria-label={`Evidence: ${item.kind}`}>
          <h2>{item.kind}</h2>
          <pre className="raw">{JSON.stringify(JSON.parse(item.payload), null, 2)}</pre>
        </section>
      ))}
    </>
  );
}

/** A design project: the milestones (passed, or given up after which the solution was shown), then the documents. */
function ProjectEvidence({ evidence }: { evidence: Evidence[] }) {
  const diff = payloadOf<DiffPayload>(evidence, 'diff');
  const results = payloadOf<MilestoneResultsPayload>(evidence, 'milestone-results');
  const documents = payloadOf<DocumentsPayload>(evidence, 'documents');
  const files = Object.entries(documents?.files ?? {}).sort(([a], [b]) =>
    a === 'DESIGN.md' ? -1 : b === 'DESIGN.md' ? 1 : a.localeCompare(b));
  return (
    <>
      <section className="panel" aria-labelledby="evidence-milestones">
        <h2 id="evidence-milestones">Milestones</h2>
        {results ? (
          <>
            <p>{Math.round(results.score * 100)}% of the milestones passed on the learner's own work.</p>
            <table>
              <thead><tr><th>#</th><th>Milestone</th><th>Outcome</th><th>Check runs</th></tr></thead>
              <tbody>
                {results.milestones.map((m) => (
                  <tr key={m.milestoneId}>
                    <td>{m.position}</td>
                    <td>{m.milestoneId}</td>
                    <td>
                      {m.passed ? <span className="badge ok">passed</span>
                        : m.gaveUp ? <span className="badge warn">gave up: solution shown</span>
                        : <span className="badge">not finished</span>}
                    </td>
                    <td>{m.attempts}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : <p className="muted">No milestone results were recorded.</p>}
      </section>
      <section className="panel" aria-labelledby="evidence-documents">
        <h2 id="evidence-documents">The documents</h2>
        {files.length === 0 ? <p className="muted">No documents were recorded.</p> : files.map(([path, text]) => (
          <details key={path} className="document" open={path === 'DESIGN.md'}>
            <summary><strong>{path}</strong></summary>
            {path.endsWith('.md') ? <Markdown text={text} /> : <pre className="raw">{text}</pre>}
          </details>
        ))}
      </section>
      <section className="panel" aria-labelledby="evidence-diff">
        <h2 id="evidence-diff">What the learner wrote, against the starter templates</h2>
        {diff ? <DiffView files={diff.files} empty="The learner changed no files." /> : <p className="muted">No diff was recorded.</p>}
      </section>
      <OtherEvidence evidence={evidence} />
    </>
  );
}
