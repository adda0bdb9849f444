// A learner's design project: the milestones in order, the one at hand with its steps and checks, the documents in
// the editor, the checks' verdicts with hints, and each milestone's reference solution once it is theirs to read.
import { lazy, Suspense, useEffect, useState } from 'react';
import { api, send } from '../api';
import { Markdown } from '../components/Markdown';
import { ErrorNotice, Loading, ProgressBar } from '../components/Status';
import { useApi } from '../components/useApi';
import { PassBadge } from '../components/VerdictTable';
import { Link } from '../router';
import type { DocumentVerdict, MilestoneGuide, MilestoneProgress, ProjectRunView } from './types';

/** The design document is where every milestone starts. */
const preferDesign = (path: string) => path === 'DESIGN.md';

// The editor brings CodeMirror: loaded with the first page that edits, not with every page.
const WorkspaceEditor = lazy(() => import('./WorkspaceEditor').then((module) => ({ default: module.WorkspaceEditor })));

/**
 * Polls the project every second while the platform works on it (the checks, or the submission after the last
 * milestone), so that the verdicts and the next step show without a reload.
 */
function useProject(runId: string) {
  const project = useApi<ProjectRunView>(`/api/project-runs/${runId}`);
  const { reload } = project;
  const run = project.data?.run;
  const waiting = run !== undefined && (run.busyWith !== null || (run.state === 'WORKING' && run.milestoneId === null));
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(reload, 1000);
    return () => window.clearInterval(timer);
  }, [reload, waiting]);
  return project;
}

export function ProjectPage({ runId }: { runId: string }) {
  const project = useProject(runId);
  const [error, setError] = useState<Error>();
  const [pending, setPending] = useState(false);

  if (project.error && !project.data) return <ErrorNotice error={project.error} />;
  if (!project.data) return <Loading what="Loading your project" />;
  const { run, title, milestones } = project.data;
  const progressOf = (id: string) => run.milestones.find((m) => m.milestoneId === id);
  const current = milestones.find((m) => m.id === run.milestoneId);
  const working = run.state === 'WORKING';

  const act = async (action: 'check' | 'giveUp' | 'cancel') => {
    setError(undefined);
    setPending(true);
    try {
      await send('POST', `/api/project-runs/${runId}/${action === 'cancel' ? 'cancel' : 'actions'}`,
        action === 'cancel' ? undefined : { action });
      project.reload();
    } catch (e) {
      setError(e as Error);
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <p className="muted"><Link href="/learn">Learn</Link> / {title}</p>
      <h1>{title}</h1>
      <ol className="steps" aria-label="Milestones">
        {milestones.map((m) => {
          const progress = progressOf(m.id);
          const here = m.id === run.milestoneId;
          return (
            <li key={m.id} aria-current={here ? 'step' : undefined} className={here ? 'current' : ''}>
              {m.title}{' '}
              {progress?.passed && <span className="badge ok">passed</span>}
              {progress?.gaveUp && <span className="badge warn">solution shown</span>}
            </li>
          );
        })}
      </ol>
      <p data-testid="project-state" className="muted">
        State: {run.state.toLowerCase().replace('_', ' ')}
        {run.state === 'IN_REVIEW' && ': an evaluator will review your design against the rubric'}
      </p>
      <ErrorNotice error={error} />
      {run.busyWith ? <ProgressBar label="Checking your documents" />
        : pending && <ProgressBar label="Sending your request" />}

      <div className="run-layout">
        <div>
          {current && <MilestoneGuidePanel milestone={current} position={milestones.indexOf(current) + 1} />}
          {!current && <p className="notice">All milestones are done. Your documents are the evidence now.</p>}
        </div>
        <div>
          {current && working && (
            <section className="panel" aria-labelledby="actions-title">
              <h2 id="actions-title">Is it working?</h2>
              <p className="muted">Save your documents, then check them. Each failed check names what is missing and gives a hint.</p>
              <div className="row">
                <button disabled={pending || run.busyWith !== null} onClick={() => void act('check')}>Check my documents</button>
                <button className="secondary danger" disabled={pending || run.busyWith !== null}
                  onClick={() => confirm('Give up on this milestone and see its solution? The next milestone opens; the project counts what you passed yourself.') && void act('giveUp')}>
                  Give up on this milestone
                </button>
              </div>
            </section>
          )}
          {current && <LastVerdicts progress={progressOf(current.id)} />}
          {working && (
            <Suspense fallback={<Loading what="Loading the editor" />}>
              <WorkspaceEditor base={`/api/project-runs/${runId}`} title="Your documents" prefer={preferDesign}
                editable={working} readOnlyNote="the documents can be changed until the project is submitted." />
            </Suspense>
          )}
        </div>
      </div>
      <Solutions runId={runId} milestones={milestones} progress={run.milestones} />
      {working && (
        <p>
          <button className="link danger" disabled={pending}
            onClick={() => confirm('Cancel this project? Your documents stay, but it will not be reviewed.') && void act('cancel')}>
            Cancel the project
          </button>
        </p>
      )}
    </>
  );
}

function MilestoneGuidePanel({ milestone, position }: { milestone: MilestoneGuide; position: number }) {
  return (
    <section className="panel guide" aria-labelledby="milestone-title">
      <h2 id="milestone-title">Milestone {position}: {milestone.title}</h2>
      <p>{milestone.why}</p>
      <h3>Steps</h3>
      <ol>{milestone.steps.map((step) => <li key={step}>{step}</li>)}</ol>
      <h3>What the checks look for</h3>
      <ul>{milestone.checks.map((check) => <li key={check.id}>{check.title}</li>)}</ul>
    </section>
  );
}

function LastVerdicts({ progress }: { progress?: MilestoneProgress }) {
  if (!progress?.lastVerdicts) return null;
  return (
    <section className="panel" aria-labelledby="verdicts-title">
      <h2 id="verdicts-title">Check results (attempt {progress.attempts})</h2>
      <DocumentVerdicts verdicts={progress.lastVerdicts} />
    </section>
  );
}

export function DocumentVerdicts({ verdicts }: { verdicts: DocumentVerdict[] }) {
  return (
    <table className="checks">
      <thead><tr><th scope="col">Check</th><th scope="col">Verdict</th></tr></thead>
      <tbody>
        {verdicts.map((verdict) => (
          <tr key={verdict.checkId} data-check={verdict.checkId}>
            <th scope="row">
              {verdict.title}
              <div className="muted small">{verdict.message}</div>
              {!verdict.passed && verdict.hint && <div className="hint"><strong>Hint:</strong> {verdict.hint}</div>}
            </th>
            <td><PassBadge passed={verdict.passed} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Each milestone's reference documents, once it passed or the learner gave up on it, loaded when opened. */
function Solutions({ runId, milestones, progress }: {
  runId: string; milestones: MilestoneGuide[]; progress: MilestoneProgress[];
}) {
  const revealed = milestones.filter((m) => progress.find((p) => p.milestoneId === m.id)?.solutionRevealed);
  if (revealed.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="solutions-title">
      <h2 id="solutions-title">Reference solutions</h2>
      <p className="muted">One way to do each milestone you finished. Compare, don't copy: the reviewer reads your reasoning.</p>
      {revealed.map((m) => <Solution key={m.id} runId={runId} milestone={m} />)}
    </section>
  );
}

function Solution({ runId, milestone }: { runId: string; milestone: MilestoneGuide }) {
  const [files, setFiles] = useState<Record<string, string>>();
  const [error, setError] = useState<Error>();
  const load = (open: boolean) => {
    if (open && !files) {
      api<Record<string, string>>(`/api/project-runs/${runId}/solution?milestone=${encodeURIComponent(milestone.id)}`)
        .then(setFiles, setError);
    }
  };
  return (
    <details className="document" data-solution={milestone.id} onToggle={(e) => load((e.target as HTMLDetailsElement).open)}>
      <summary><strong>{milestone.title}</strong></summary>
      <ErrorNotice error={error} />
      {files === undefined && !error && <Loading what="Loading the solution" />}
      {files && Object.entries(files).map(([path, text]) => (
        <div key={path}>
          <h3><code>{path}</code></h3>
          <Markdown text={text} />
        </div>
      ))}
    </details>
  );
}
