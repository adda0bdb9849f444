import { lazy, Suspense, useEffect, useState } from 'react';
import { send } from '../api';
import { DiffView } from '../components/DiffView';
import { Markdown } from '../components/Markdown';
import { ErrorNotice, Loading, ProgressBar } from '../components/Status';
import { useApi } from '../components/useApi';
import { PassBadge, VerdictTable } from '../components/VerdictTable';
import { DiagnosticsPanel } from '../diagnostics/DiagnosticsPanel';
import { LiveDashboard, useLiveMetrics } from './LiveDashboard';
import { FINISHED, type Attempt, type CheckVerdict, type FileChange, type Run, type ProblemView, type QueueView, type ScenarioDetails, type StackView } from './types';

/** Most scenarios are fixed in their SQL, so the editor opens there. */
const preferSql = (path: string) => path.endsWith('.sql');

// The editor brings CodeMirror: loaded with the first run page, not with every page.
const WorkspaceEditor = lazy(() => import('./WorkspaceEditor').then((module) => ({ default: module.WorkspaceEditor })));

const STEPS: { label: string; states: Run['state'][] }[] = [
  { label: 'Start the stack', states: ['PROVISIONING'] },
  { label: 'Diagnose and fix', states: ['WORKING', 'PARKED'] },
  { label: 'Reflect', states: ['REFLECTING'] },
  { label: 'Peer review', states: ['IN_REVIEW'] },
  { label: 'Done', states: ['COMPLETED'] },
];

const BUSY_TEXT: Record<string, string> = {
  baseline: 'Running the baseline load, so you can see the problem',
  load: 'Running load against your stack',
  restart: 'Restarting your app from the workspace',
  check: 'Running the checks: real load against your fix',
  checks: 'Running the checks: real load against your fix',
};

/** Polls the run every second while something is under way, so progress shows without a reload. */
function useRun(runId: string) {
  const run = useApi<Run>(`/api/runs/${runId}`);
  const { reload } = run;
  const finished = run.data && FINISHED.includes(run.data.state);
  useEffect(() => {
    if (finished) return;
    const timer = window.setInterval(reload, 1000);
    return () => window.clearInterval(timer);
  }, [reload, finished]);
  return run;
}

export function RunPage({ runId }: { runId: string }) {
  const run = useRun(runId);
  const scenario = useApi<ScenarioDetails>(run.data ? `/api/scenarios/${run.data.scenarioId}` : null);
  const live = useLiveMetrics(runId);
  const [error, setError] = useState<Error>();
  const [profile, setProfile] = useState('');

  if (run.error && !run.data) return <ErrorNotice error={run.error} />;
  if (!run.data || !scenario.data) return <Loading what="Loading your run" />;
  const r = run.data;
  const s = scenario.data;
  const working = r.state === 'WORKING';
  const busy = r.busyWith !== null || (working && !r.baselineReport);

  const act = async (action: string, extra: Record<string, string> = {}) => {
    setError(undefined);
    try {
      await send('POST', `/api/runs/${runId}/actions`, { action, ...extra });
      run.reload();
    } catch (e) {
      setError(e as Error);
    }
  };

  return (
    <>
      <p className="muted"><a href="/learn">Learn</a> / {s.scenario.title}</p>
      <h1>{s.scenario.title}</h1>
      <ol className="steps" aria-label="Steps">
        {STEPS.map((step) => {
          const current = step.states.includes(r.state);
          return <li key={step.label} aria-current={current ? 'step' : undefined} className={current ? 'current' : ''}>{step.label}</li>;
        })}
      </ol>
      <p data-testid="run-state" className="muted">State: {r.state.toLowerCase().replace('_', ' ')}{r.gaveUp ? ' (gave up)' : ''}</p>
      <ErrorNotice error={error} />

      {!FINISHED.includes(r.state) && <StuckStep runId={runId} onRetried={run.reload} />}
      {r.state === 'PROVISIONING' && <ProgressBar label="Starting your stack: database, seed data and app replicas" />}
      {busy && r.state !== 'PROVISIONING' && <QueuePlace runId={runId} what={r.busyWith ?? 'baseline'} onLeft={run.reload} />}
      {busy && r.state !== 'PROVISIONING' && <ProgressBar label={BUSY_TEXT[r.busyWith ?? 'baseline'] ?? 'Working'} />}
      {r.state === 'PARKED' && (
        <div className="notice">
          Your stack was stopped after a quiet spell; your workspace is kept.{' '}
          <button onClick={() => void send('POST', `/api/runs/${runId}/resume`).then(run.reload, setError)}>Resume</button>
        </div>
      )}

      <div className="run-layout">
        <details className="panel guide" open>
          <summary><strong>The scenario</strong></summary>
          <Markdown text={s.guide} />
        </details>
        <div>
          {!FINISHED.includes(r.state) && r.state !== 'IN_REVIEW' && <StackPanel runId={runId} state={r.state} />}
          <LiveDashboard live={live} />
          {working && (
            <section className="panel" aria-labelledby="actions-title">
              <h2 id="actions-title">Try it</h2>
              <div className="row">
                <label htmlFor="profile" className="inline">Load profile</label>
                <select id="profile" value={profile} onChange={(e) => setProfile(e.target.value)} style={{ width: 'auto' }}>
                  <option value="">default</option>
                  {s.loadProfiles.map((p) => <option key={p} value={p}>{p}</option>)}
                </select>
                <button className="secondary" disabled={busy} onClick={() => void act('load', profile ? { profile } : {})}>Run load</button>
                <button className="secondary" disabled={busy} onClick={() => void act('restart')}>Restart app</button>
                <button disabled={busy} onClick={() => void act('check')}>Check my solution</button>
                <button className="secondary danger" disabled={busy} onClick={() => confirm('Give up and see the solution? Your run still counts for what you tried.') && void act('giveUp')}>Give up</button>
              </div>
              <LastAction run={r} />
            </section>
          )}
          {(working || r.state === 'PARKED') && <DiagnosticsPanel runId={runId} />}
          {(live.phase === 'checks' && live.running) && <Verdicts verdicts={live.verdicts} title="Checks so far" />}
          {r.lastCheckReport && <Verdicts verdicts={r.lastCheckReport.verdicts} title={`Check results (attempt ${r.attempts})`} />}
          {(working || r.state === 'PARKED' || r.state === 'REFLECTING') && (
            <Suspense fallback={<Loading what="Loading the editor" />}>
              <WorkspaceEditor base={`/api/runs/${runId}`} title="Your code" prefer={preferSql}
                editable={working || r.state === 'PARKED'} readOnlyNote="the workspace can be changed while you work on the fix."
                onRestart={() => act('restart')} />
            </Suspense>
          )}
          {r.state === 'REFLECTING' && <ReflectionForm runId={runId} questions={s.reflection} onDone={run.reload} />}
          {(r.state === 'IN_REVIEW' || r.state === 'COMPLETED') && (
            <div className="notice ok" role="status">
              {r.state === 'IN_REVIEW'
                ? 'Submitted. A peer reviewer scores your work against the rubric; you will get a notification.'
                : 'Reviewed and done. See My skills for your updated SCI and tier.'}
            </div>
          )}
          {(r.checksPassed || r.gaveUp) && <Solution runId={runId} />}
          <Attempts runId={runId} attempts={r.attempts} />
        </div>
      </div>
    </>
  );
}

/**
 * A step of the run that failed: its message, and either when the platform tries again by itself or a Try again
 * button. Without it a failed step would look like a progress bar that never ends.
 */
function StuckStep({ runId, onRetried }: { runId: string; onRetried: () => void }) {
  const problem = useApi<ProblemView>(`/api/runs/${runId}/problem`);
  const { reload } = problem;
  const [error, setError] = useState<Error>();
  useEffect(() => {
    const timer = window.setInterval(reload, 2000);
    return () => window.clearInterval(timer);
  }, [reload]);
  const p = problem.data;
  if (!p?.stuck) return null;
  const retry = () => send('POST', `/api/runs/${runId}/retry`).then(() => { reload(); onRetried(); }, setError);
  return (
    <div className="notice error" role="alert" data-testid="stuck-step">
      <p><strong>{p.step} failed.</strong> {p.message}</p>
      {p.retrying
        ? <p className="muted">The platform tries again by itself{p.nextTryAt ? ` at ${new Date(p.nextTryAt).toLocaleTimeString()}` : ''}. The admins can see this too.</p>
        : <p><button onClick={() => void retry()}>Try again</button> <span className="muted">The admins were told.</span></p>}
      <ErrorNotice error={error} />
    </div>
  );
}

const QUEUED_TEXT: Record<string, string> = {
  baseline: 'The baseline load starts',
  load: 'Your load run starts',
  check: 'Your checks start',
};

/**
 * Measurements take turns on a host, so that each gets the CPUs it is measured with: while this run's waits, the page
 * says how many go first and about when it starts, and the learner may leave the line.
 */
function QueuePlace({ runId, what, onLeft }: { runId: string; what: string; onLeft: () => void }) {
  const queue = useApi<QueueView>(`/api/runs/${runId}/queue`);
  const { reload } = queue;
  const [error, setError] = useState<Error>();
  useEffect(() => {
    const timer = window.setInterval(reload, 2000);
    return () => window.clearInterval(timer);
  }, [reload]);
  const q = queue.data;
  if (!q?.waiting) return null;
  const leave = () => send('POST', `/api/runs/${runId}/queue/cancel`).then(() => { reload(); onLeft(); }, setError);
  return (
    <div className="notice" role="status" data-testid="queue-place">
      {QUEUED_TEXT[what] ?? 'Your measurement starts'} in about {Math.max(1, q.startsInSeconds)} s;{' '}
      {q.ahead === 1 ? '1 measurement goes' : `${q.ahead} measurements go`} first, so that each gets the machine it is
      measured on.{' '}
      {what !== 'baseline' && <button className="secondary" onClick={() => void leave()}>Leave the line</button>}
      <ErrorNotice error={error} />
    </div>
  );
}

function StackPanel({ runId, state }: { runId: string; state: Run['state'] }) {
  const stack = useApi<StackView>(`/api/runs/${runId}/stack`);
  const { reload } = stack;
  useEffect(reload, [state, reload]);
  // While the learner works, a limit can be hit at any moment: look again now and then.
  useEffect(() => {
    if (state !== 'WORKING') return;
    const timer = window.setInterval(reload, 5000);
    return () => window.clearInterval(timer);
  }, [state, reload]);
  if (!stack.data) return null;
  const st = stack.data;
  return (
    <section className="panel" aria-labelledby="stack-title">
      <h2 id="stack-title">Your stack <span className={`badge ${st.state === 'READY' ? 'ok' : st.state === 'FAILED' ? 'bad' : 'warn'}`}>{st.state.toLowerCase()}</span></h2>
      {st.entrypoint && <p>App: <a href={st.entrypoint} target="_blank" rel="noreferrer"><code>{st.entrypoint}</code></a></p>}
      {st.replicas.length > 0 && <p>Replicas: {st.replicas.join(', ')}</p>}
      {st.database && <p>Database: <code>{st.database}</code></p>}
      {st.failure && <ErrorNotice error={st.failure} />}
      {st.limitsHit.length > 0 && (
        <div className="notice warn" role="status" aria-label="Limits hit">
          <p>Your stack ran into its limits:</p>
          <ul>
            {st.limitsHit.map((hit) => (
              <li key={`${hit.service}/${hit.limit}`}>
                <time dateTime={hit.at}>{new Date(hit.at).toLocaleTimeString()}</time>: {hit.message}.
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function LastAction({ run }: { run: Run }) {
  const a = run.lastAction;
  if (!a || run.busyWith) return null;
  return (
    <div className={`notice ${a.ok ? 'ok' : 'error'}`} role="status">
      {a.action === 'load' && a.ok && a.report
        ? `Load run done: ${a.report.throughputRps.toFixed(1)} req/s, p95 ${a.report.p95Ms.toFixed(1)} ms, ${a.report.errors} errors.`
        : a.message}
      {a.log && <pre className="diff">{a.log}</pre>}
    </div>
  );
}

function Verdicts({ verdicts, title }: { verdicts: CheckVerdict[]; title: string }) {
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      <VerdictTable verdicts={verdicts} hints />
    </section>
  );
}

function ReflectionForm({ runId, questions, onDone }: { runId: string; questions: string[]; onDone: () => void }) {
  const [answers, setAnswers] = useState(questions.map(() => ''));
  const [error, setError] = useState<Error>();
  const [sending, setSending] = useState(false);
  const submit = async () => {
    if (answers.some((a) => !a.trim())) {
      setError(new Error('Answer every question: the reviewer scores your understanding from these answers.'));
      return;
    }
    setSending(true);
    try {
      await send('POST', `/api/runs/${runId}/reflection`, { answers });
      onDone();
    } catch (e) {
      setError(e as Error);
    }
    setSending(false);
  };
  return (
    <section className="panel" aria-labelledby="reflection-title">
      <h2 id="reflection-title">Reflection</h2>
      <p className="muted">In your own words. A peer reviewer reads this with your diff and your load reports.</p>
      {questions.map((q, i) => (
        <div key={q}>
          <label htmlFor={`answer-${i}`}>{q}</label>
          <textarea id={`answer-${i}`} value={answers[i]} onChange={(e) => setAnswers(answers.map((a, j) => (j === i ? e.target.value : a)))} />
        </div>
      ))}
      <ErrorNotice error={error} />
      <p><button onClick={() => void submit()} disabled={sending}>{sending ? 'Submitting…' : 'Submit for review'}</button></p>
    </section>
  );
}

function Solution({ runId }: { runId: string }) {
  const solution = useApi<FileChange[]>(`/api/runs/${runId}/solution`);
  return (
    <details className="panel">
      <summary><strong>The reference solution</strong></summary>
      {solution.error ? <ErrorNotice error={solution.error} /> : !solution.data ? <Loading /> : <DiffView files={solution.data} />}
    </details>
  );
}

function Attempts({ runId, attempts }: { runId: string; attempts: number }) {
  const history = useApi<Attempt[]>(`/api/runs/${runId}/attempts`);
  const { reload } = history;
  useEffect(reload, [attempts, reload]); // a new check run adds an attempt
  if (!history.data?.length) return null;
  return (
    <section className="panel" aria-labelledby="attempts-title">
      <h2 id="attempts-title">Your attempts</h2>
      <table>
        <thead><tr><th>#</th><th>When</th><th>Result</th><th>Checks passed</th><th>Waited for its turn</th><th>Measured again</th></tr></thead>
        <tbody>
          {history.data.map((a) => {
            const verdicts = a.report.verdicts;
            // Not passed, yet nothing failed in clean conditions: the host was too busy for this attempt to count.
            const inconclusive = !a.passed && verdicts.some((v) => v.inconclusive) && !verdicts.some((v) => !v.passed && !v.inconclusive);
            const reruns = Math.max(0, ...verdicts.map((v) => v.conditions?.reruns ?? 0));
            return (
              <tr key={a.attempt}>
                <td>{a.attempt}</td>
                <td>{new Date(a.checkedAt).toLocaleTimeString()}</td>
                <td><PassBadge passed={a.passed} inconclusive={inconclusive} /></td>
                <td>{verdicts.filter((v) => v.passed).length} of {verdicts.length}</td>
                <td>{a.report.queuedMillis ? `${Math.round(a.report.queuedMillis / 1000)} s` : '–'}</td>
                <td>{reruns > 0 ? `${reruns}× (the host was busy)` : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
