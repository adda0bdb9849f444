import { javascript } from '@codemirror/lang-javascript';
import { json } from '@codemirror/lang-json';
import { markdown } from '@codemirror/lang-markdown';
import { sql } from '@codemirror/lang-sql';
import { yaml } from '@codemirror/lang-yaml';
import { keymap } from '@codemirror/view';
import { basicSetup, EditorView } from 'codemirror';
import { useEffect, useRef, useState } from 'react';
import { api, send } from '../api';
import { ErrorNotice, Loading } from '../components/Status';
import { useApi } from '../components/useApi';
import type { WorkspaceFile } from './types';

function languageOf(path: string) {
  if (/\.(m?js|cjs|ts)$/.test(path)) return [javascript()];
  if (path.endsWith('.json')) return [json()];
  if (path.endsWith('.sql')) return [sql()];
  if (/\.ya?ml$/.test(path)) return [yaml()];
  if (path.endsWith('.md')) return [markdown()];
  return [];
}

interface EditorProps {
  /** The API of the workspace's owner, such as `/api/runs/<id>`: its `/files` and `/files/content` are used. */
  base: string;
  title: string;
  editable: boolean;
  /** Why the files cannot be changed now, shown when they are read only. */
  readOnlyNote: string;
  /** The file to open first, among the editable ones. */
  prefer?: (path: string) => boolean;
  /** A scenario's app runs the change after a restart; a project's documents need none. */
  onRestart?: () => Promise<void>;
}

/** A workspace in the browser: pick a file, edit it, save (Ctrl/Cmd-S). */
export function WorkspaceEditor({ base, title, editable, readOnlyNote, prefer, onRestart }: EditorProps) {
  const files = useApi<WorkspaceFile[]>(`${base}/files`);
  const [path, setPath] = useState<string>();
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(undefined);
  const save = useRef<() => Promise<boolean>>(async () => true);

  useEffect(() => {
    if (!path && files.data?.length) {
      const first = files.data.find((f) => f.editable && prefer?.(f.path)) ?? files.data.find((f) => f.editable);
      setPath(first?.path);
    }
  }, [files.data, path, prefer]);

  useEffect(() => {
    if (!path || !host.current) return;
    let cancelled = false;
    setError(undefined);
    api<{ content: string }>(`${base}/files/content?path=${encodeURIComponent(path)}`).then((file) => {
      if (cancelled || !host.current) return;
      view.current?.destroy();
      view.current = new EditorView({
        doc: file.content,
        parent: host.current,
        extensions: [
          basicSetup,
          ...languageOf(path),
          EditorView.editable.of(editable),
          EditorView.contentAttributes.of({ 'aria-label': `Editor for ${path}` }),
          keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => (void save.current(), true) }]),
          EditorView.updateListener.of((update) => update.docChanged && setDirty(true)),
        ],
      });
      setDirty(false);
    }, setError);
    return () => {
      cancelled = true;
    };
  }, [path, base, editable]);

  useEffect(() => () => view.current?.destroy(), []);

  save.current = async () => {
    if (!path || !view.current) return false;
    setError(undefined);
    try {
      await send('PUT', `${base}/files/content?path=${encodeURIComponent(path)}`, { content: view.current.state.doc.toString() });
      setDirty(false);
      setStatus(`Saved ${path}`);
      return true;
    } catch (e) {
      setError(e as Error);
      return false;
    }
  };

  const saveAndRestart = async () => {
    if (!onRestart) return;
    setBusy(true);
    if (await save.current()) {
      setStatus('Saved; restarting your app from the workspace…');
      await onRestart();
    }
    setBusy(false);
  };

  if (files.error) return <ErrorNotice error={files.error} />;
  if (!files.data) return <Loading what="Loading your workspace" />;
  return (
    <section className="panel editor" aria-labelledby="editor-title">
      <h2 id="editor-title">{title}</h2>
      <div className="editor-layout">
        <nav aria-label="Workspace files" className="file-list">
          {files.data.map((file) => (
            <button key={file.path} className={file.path === path ? '' : 'secondary'} disabled={!file.editable}
              aria-current={file.path === path ? 'true' : undefined}
              title={file.editable ? file.path : `${file.path}: binary or too large to edit`}
              onClick={() => setPath(file.path)}>
              {file.path}
            </button>
          ))}
        </nav>
        <div className="editor-main">
          <div className="row">
            <strong data-testid="open-file">{path}</strong>
            {dirty && <span className="badge warn">unsaved</span>}
            {editable ? (
              <>
                <button className={onRestart ? 'secondary' : ''} onClick={() => void save.current()} disabled={!dirty}>Save</button>
                {onRestart && <button onClick={() => void saveAndRestart()} disabled={busy}>Save and restart app</button>}
              </>
            ) : (
              <span className="muted">Read only: {readOnlyNote}</span>
            )}
          </div>
          <div ref={host} className="code" />
          {status && <p className="muted" role="status">{status}</p>}
          <ErrorNotice error={error} />
        </div>
      </div>
    </section>
  );
}
