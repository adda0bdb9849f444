// A submission's evidence, as a reviewer reads it: what changed, load before and after, the checks, the reflection.
import { LoadReportChart, LoadReportTable } from '../components/LoadReportChart';
import type { LoadReport } from '../reports';
import { CheckResults } from './CheckResults';
import { DiffView } from '../components/DiffView';
import { Reflection } from './Reflection';
import type { CheckResultsPayload, DiffPayload, Evidence, ReflectionAnswer } from './types';

/** The kinds a scenario run records; anything else is shown as it was stored. */
const KNOWN_KINDS = ['diff', 'load-before', 'load-after', 'check-results', 'reflection'];

/** The payload of the newest item of a kind, or undefined when there is none. */
function payloadOf<T>(evidence: Evidence[], kind: string): T | undefined {
  const item = evidence.filter((e) => e.kind === kind).at(-1);
  return item ? (JSON.parse(item.payload) as T) : undefined;
}

export function EvidenceView({ evidence }: { evidence: Evidence[] }) {
  if (evidence.length === 0) return <p className="notice">This submission has no evidence recorded.</p>;
  const diff = payloadOf<DiffPayload>(evidence, 'diff');
  const before = payloadOf<LoadReport>(evidence, 'load-before');
  const after = payloadOf<Record<string, LoadReport>>(evidence, 'load-after') ?? {};
  const checks = payloadOf<CheckResultsPayload>(evidence, 'check-results');
  const reflection = payloadOf<ReflectionAnswer[]>(evidence, 'reflection');
  const loads = [
    ...(before ? [{ name: 'Before: baseline', report: before }] : []),
    ...Object.entries(after).sort(([a], [b]) => a.localeCompare(b)).map(([profile, report]) => ({ name: `After: ${profile}`, report })),
  ];
  const others = evidence.filter((e) => !KNOWN_KINDS.includes(e.kind));
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
      <section className="panel" aria-labelledby="evidence-checks">
        <h2 id="evidence-checks">Check results</h2>
        {checks ? <CheckResults results={checks} /> : <p className="muted">No check results were recorded.</p>}
      </section>
      <section className="panel" aria-labelledby="evidence-reflection">
        <h2 id="evidence-reflection">Reflection</h2>
        {reflection ? <Reflection answers={reflection} /> : <p className="muted">The learner wrote no reflection.</p>}
      </section>
      {others.map((item) => (
        <section className="panel" key={item.id} aria-label={`Evidence: ${item.kind}`}>
          <h2>{item.kind}</h2>
          <pre className="raw">{JSON.stringify(JSON.parse(item.payload), null, 2)}</pre>
        </section>
      ))}
    </>
  );
}
