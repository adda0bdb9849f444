// The learners' terminals open now, for admins to watch read-only with the stack's logs and the learner's trail: the
// learner's page says while someone watches.
import { useEffect, useState } from 'react';
import { ErrorNotice, Loading } from '../components/Status';
import { useApi } from '../components/useApi';
import { DiagnosticsPanel } from '../diagnostics/DiagnosticsPanel';
import { AdminNav } from './AdminNav';

interface OpenTerminal {
  runId: string;
  learnerId: string;
  stackId: string;
  lastUsed: string;
  /** Whether the learner's page shows it now. */
  attached: boolean;
  watchers: number;
}

const REFRESH_MS = 5000;

export function LiveTerminals() {
  const open = useApi<OpenTerminal[]>('/api/admin/diagnostics/terminals');
  const [watched, setWatched] = useState<OpenTerminal>();
  const { reload } = open;
  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  return (
    <>
      <AdminNav current="terminals" />
      <h1>Live terminals</h1>
      <section className="panel" aria-labelledby="terminals-title">
        <h2 id="terminals-title">Open now on this server</h2>
        <p className="muted">
          A learner's shell stays open while they work on a fix. Watching is read-only, and the learner sees that an
          admin watches.
        </p>
        {open.error && <ErrorNotice error={open.error} />}
        {!open.data ? <Loading what="Loading the terminals" /> : open.data.length === 0 ? (
          <p className="muted">No learner has a terminal open.</p>
        ) : (
          <table>
            <thead>
              <tr><th>Learner</th><th>Run</th><th>Last used</th><th>Page</th><th /></tr>
            </thead>
            <tbody>
              {open.data.map((terminal) => (
                <tr key={terminal.runId} data-run={terminal.runId}>
                  <td>{terminal.learnerId}</td>
                  <td><code>{terminal.runId.slice(0, 8)}</code></td>
                  <td>{new Date(terminal.lastUsed).toLocaleTimeString()}</td>
                  <td>{terminal.attached ? 'open' : 'away'}{terminal.watchers > 0 && ` · ${terminal.watchers} watching`}</td>
                  <td>
                    <button type="button" className="secondary" aria-label={`Watch the terminal of ${terminal.learnerId}`}
                      onClick={() => setWatched(terminal)}>
                      Watch
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {watched && (
        <>
          <p className="row">
            <strong>{watched.learnerId}'s stack</strong>
            <button type="button" className="secondary" onClick={() => setWatched(undefined)}>Stop watching</button>
          </p>
          <DiagnosticsPanel key={watched.runId} runId={watched.runId} watching />
        </>
      )}
    </>
  );
}
