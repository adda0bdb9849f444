export interface FileDiff {
  path: string;
  change: string;
  diff: string;
}

function lineClass(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---')) return 'file';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  return '';
}

/** Unified diffs, file by file, with added and removed lines marked (by sign and colour). */
export function DiffView({ changes }: { changes: FileDiff[] }) {
  if (!changes.length) return <p className="muted">No changes.</p>;
  return (
    <>
      {changes.map((c) => (
        <div key={c.path} className="file-diff">
          <p><strong>{c.path}</strong> <span className="badge">{c.change}</span></p>
          <pre className="diff">
            {c.diff.split('\n').map((line, i) => (
              <span key={i} className={lineClass(line)}>{line}{'\n'}</span>
            ))}
          </pre>
        </div>
      ))}
    </>
  );
}
