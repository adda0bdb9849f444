// What a learner ran to diagnose their stack, in order: on the run page, and as evidence on the reviewer's.

export interface TrailEntry {
  at: string;
  tool: string;
  input: string;
  outcome: string | null;
}

export function TrailList({ entries }: { entries: TrailEntry[] }) {
  return (
    <ol className="trail" data-testid="trail">
      {entries.map((e, i) => (
        <li key={i}>
          <span className="muted">{new Date(e.at).toLocaleTimeString()} {e.tool}</span> <code>{e.input}</code>
          {e.outcome && <span className="muted"> → {e.outcome}</span>}
        </li>
      ))}
    </ol>
  );
}
