// A shell in the learner's own stack, drawn by xterm.js. Keystrokes and sizes go to the server as JSON over a
// WebSocket; what the shell writes comes back as binary frames. Leaving the tab or reloading keeps the shell for a
// minute, and coming back shows its screen again. An admin may watch the same terminal, read-only: the learner's
// page says so while one does.
import { useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';

type Status = { state: 'connecting' | 'open' } | { state: 'closed'; message: string };

export function StackTerminal({ runId, watching = false }: { runId: string; watching?: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<Status>({ state: 'connecting' });
  const [attempt, setAttempt] = useState(0);
  const [watchers, setWatchers] = useState(0);

  useEffect(() => {
    if (!host.current) return;
    const terminal = new Terminal({ convertEol: false, cursorBlink: !watching, disableStdin: watching, fontSize: 13, scrollback: 2000 });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(host.current);
    fit.fit();
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${window.location.host}/api/runs/${runId}/diagnostics/terminal?cols=${terminal.cols}&rows=${terminal.rows}`;
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    let closedWith = '';
    setStatus({ state: 'connecting' });
    socket.onopen = () => {
      setStatus({ state: 'open' });
      if (!watching) terminal.focus();
    };
    socket.onmessage = (event) => {
      if (typeof event.data === 'string') {
        const message = JSON.parse(event.data) as { type: string; message?: string; admins?: number };
        if (message.type === 'closed') closedWith = message.message ?? '';
        if (message.type === 'watched') setWatchers(message.admins ?? 0);
      } else {
        terminal.write(new Uint8Array(event.data as ArrayBuffer));
      }
    };
    socket.onclose = () => setStatus({ state: 'closed', message: closedWith || 'The connection to the terminal closed.' });
    const typing = terminal.onData((data) => {
      if (!watching && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'input', data }));
    });
    const resizing = terminal.onResize(({ cols, rows }) => {
      if (!watching && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'resize', cols, rows }));
    });
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(host.current);
    return () => {
      observer.disconnect();
      typing.dispose();
      resizing.dispose();
      socket.close();
      terminal.dispose();
    };
  }, [runId, attempt, watching]);

  return (
    <div className="stack-terminal">
      {watching ? (
        <p className="muted small">You are watching the learner's terminal, read-only: you see what they see and type nothing.</p>
      ) : (
        <p className="muted small">
          A shell in your stack, as its own user: <code>psql</code> reaches your database read-only with nothing to type,
          and <code>curl</code>, <code>node</code>, <code>ps</code> and <code>top</code> are there; your app answers at{' '}
          <code>$APP</code> (<code>curl $APP/health</code>). Each command you enter is recorded on your trail.
        </p>
      )}
      {!watching && watchers > 0 && status.state === 'open' && (
        <p className="notice small" role="status" data-testid="terminal-watched">
          {watchers === 1 ? 'An admin is' : `${watchers} admins are`} watching this terminal, read-only.
        </p>
      )}
      {status.state === 'closed' && (
        <div className="notice" role="status" data-testid="terminal-closed">
          {status.message}{' '}
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>Open it again</button>
        </div>
      )}
      {status.state === 'connecting' && (
        <p className="muted small">{watching ? 'Connecting to the learner\'s terminal…' : 'Starting a shell in your stack…'}</p>
      )}
      <div ref={host} data-testid="terminal" style={{ height: '22rem' }} />
    </div>
  );
}
