// Changes against a scenario's starter (a learner's workspace, or the reference solution), file by file: unified
// diffs with added and removed lines coloured. The +/- prefixes stay, so the change reads without colour too.
import type { FileChange } from '../reports';

const CHANGE_BADGE: Record<FileChange['change'], string> = { added: 'ok', deleted: 'bad', modified: 'warn' };

/** Each line's class: the file headers before the first hunk, then hunk headers, added, removed and context lines. */
function lineClasses(diff: string): Array<[string, string | undefined]> {
  let inHunk = false;
  return diff.split('\n').map((line) => {
    if (line.startsWith('@@')) {
      inHunk = true;
      return [line, 'hunk'];
    }
    if (!inHunk) return [line, 'file'];
    if (line.startsWith('+')) return [line, 'add'];
    if (line.startsWith('-')) return [line, 'del'];
    return [line, undefined];
  });
}

export function DiffView({ files, empty = 'No files changed.' }: { files: FileChange[]; empty?: string }) {
  if (files.length === 0) return <p className="muted">{empty}</p>;
  return (
    <div className="diff-files">
      <p className="muted">{files.length} {files.length === 1 ? 'file' : 'files'} changed against the starter.</p>
      {files.map((file) => (
        <details key={file.path} open>
          <summary>
            <code>{file.path}</code> <span className={`badge ${CHANGE_BADGE[file.change]}`}>{file.change}</span>
          </summary>
          <pre className="diff" aria-label={`Changes to ${file.path}`}>
            {lineClasses(file.diff).map(([line, kind], i) => (
              <span key={i} className={kind}>{line + '\n'}</span>
            ))}
          </pre>
        </details>
      ))}
    </div>
  );
}
