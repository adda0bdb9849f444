// What a learner ran to diagnose their stack, and their load runs, restarts and check runs, in order: on the run page,
// and as evidence on the reviewer's.

export interface TrailEntry {
  at: string;
  tool: string;
  input: string;
  outcome: string | null;
}

/** The fix loop's own steps, told apart from the tools' inputs: they read as sentences, not as code. */
const STEPS = ['load', 'restart', 'check'];

export function TrailList({ entries }: { entries: TrailEntry[] }) {
  return (
    <ol className="trail" data-testid="trail">
      {entries.map((e, i) => (
        <li key={i} data-tool={e.tool}>
          <span className="muted">{new Date(e.at).toLocaleTimeString()} {e.tool}</span>{' '}
          {STEPS.includes(e.tool) ? <strong>{e.input}</strong> : <code>{e.input}</code>}
          {e.outcome && <span className="muted"> → {e.outcome}</span>}
        </li>
      ))}
    </ol>
  );
}
