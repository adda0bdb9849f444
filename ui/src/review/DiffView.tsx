// The workspace diff against the starter, file by file: unified diffs with added and removed lines coloured. The
// +/- prefixes stay, so the change reads without colour too.
import type { FileChange } from './types';

const CHANGE_BADGE: Record<FileChange['change'], string> = { added: 'ok', deleted: 'bad', modified: 'warn' };

function lineClass(line: string): string | undefined {
  if (line.startsWith('+++') || line.startsWith('---')) return 'file';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  return undefined;
}

export function DiffView({ files }: { files: FileChange[] }) {
  if (files.length === 0) return <p className="muted">The learner changed no files.</p>;
  return (
    <div className="diff-files">
      <p className="muted">{files.length} {files.length === 1 ? 'file' : 'files'} changed against the starter.</p>
      {files.map((file) => (
        <details key={file.path} open>
          <summary>
            <code>{file.path}</code> <span className={`badge ${CHANGE_BADGE[file.change]}`}>{file.change}</span>
          </summary>
          <pre className="diff" aria-label={`Changes to ${file.path}`}>
            {file.diff.split('\n').map((line, i) => (
              <span key={i} className={lineClass(line)}>{line + '\n'}</span>
            ))}
          </pre>
        </details>
      ))}
    </div>
  );
}
