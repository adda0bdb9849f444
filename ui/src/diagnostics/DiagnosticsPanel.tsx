import { useEffect, useRef, useState } from 'react';
import { send } from '../api';
import { ErrorNotice } from '../components/Status';
import { TrailList, type TrailEntry } from '../components/DiagnosticTrail';
import { useApi } from '../components/useApi';
import { StackTerminal } from './StackTerminal';

interface PlanNode {
  type: string;
  relation: string | null;
  index: string | null;
  detail: string | null;
  estimatedRows: number | null;
  rows: number | null;
  loops: number | null;
  totalMs: number | null;
  selfMs: number | null;
  rowsRemovedByFilter: number | null;
  sharedHitBlocks: number | null;
  sharedReadBlocks: number | null;
  mostExpensive: boolean;
  children: PlanNode[];
}

interface SqlResult {
  columns: string[];
  rows: (string | null)[][];
  truncated: boolean;
  millis: number;
  plan: { root: PlanNode; planningMs: number | null; executionMs: number | null } | null;
  error: string | null;
}


type Tool = 'terminal' | 'sql' | 'logs' | 'trail';

/**
 * The learner's diagnostic tools on their own stack: a shell in it, a read-only SQL console that draws query plans, the
 * services' logs followed live, and the trail of what was run, which the reviewer sees too (the page says so). An
 * admin who watches gets the terminal read-only, the logs and the trail, and no console; what they do leaves no trace.
 */
const TOOL_NAMES: Record<Tool, string> = { terminal: 'Terminal', sql: 'SQL console', logs: 'Logs', trail: 'Your trail' };

export function DiagnosticsPanel({ runId, watching = false }: { runId: string; watching?: boolean }) {
  const [tool, setTool] = useState<Tool>('terminal');
  const tools: Tool[] = watching ? ['terminal', 'logs', 'trail'] : ['terminal', 'sql', 'logs', 'trail'];
  return (
    <section className="panel" aria-labelledby="diagnose-title">
      <h2 id="diagnose-title">{watching ? 'Watching' : 'Diagnose'}</h2>
      <div className="row tabs" role="tablist">
        {tools.map((t) => (
          <button key={t} role="tab" aria-selected={tool === t} className={tool === t ? '' : 'secondary'} onClick={() => setTool(t)}>
            {watching && t === 'trail' ? 'Their trail' : TOOL_NAMES[t]}
          </button>
        ))}
      </div>
      {watching
        ? <p className="muted">Read-only: nothing you do here reaches the learner's stack or goes on their trail.</p>
        : <p className="muted">What you run here is recorded with its time, as evidence of your diagnosis for the reviewer. Passwords are never recorded.</p>}
      {tool === 'terminal' && <StackTerminal runId={runId} watching={watching} />}
      {tool === 'sql' && <SqlConsole runId={runId} />}
      {tool === 'logs' && <Logs runId={runId} />}
      {tool === 'trail' && <Trail runId={runId} />}
    </section>
  );
}

function SqlConsole({ runId }: { runId: string }) {
  const [sql, setSql] = useState('');
  const [result, setResult] = useState<SqlResult>();
  const [error, setError] = useState<Error>();
  const [running, setRunning] = useState(false);
  const run = async (statement: string) => {
    setError(undefined);
    setResult(undefined); // an earlier answer on screen would read as this statement's
    setRunning(true);
    try {
      setResult(await send<SqlResult>('POST', `/api/runs/${runId}/diagnostics/sql`, { sql: statement }));
    } catch (e) {
      setError(e as Error);
    } finally {
      setRunning(false);
    }
  };
  const explain = () => run(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql.trim().replace(/;\s*$/, '')}`);
  return (
    <div>
      <label htmlFor="sql">One statement, read-only, 10 s at most</label>
      <textarea id="sql" className="code" rows={4} maxLength={10000} value={sql}
        placeholder="SELECT state, count(*) FROM pg_stat_activity GROUP BY state" onChange={(e) => setSql(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void run(sql); }} />
      <div className="row">
        <button disabled={running || !sql.trim()} onClick={() => void run(sql)}>Run</button>
        <button className="secondary" disabled={running || !sql.trim()} onClick={() => void explain()}>Explain analyze</button>
        {running && <span className="muted">Running…</span>}
      </div>
      <ErrorNotice error={error} />
      {result?.error && <div className="notice error" role="alert" data-testid="sql-error">{result.error}</div>}
      {result?.plan && <PlanTree plan={result.plan} />}
      {result && !result.error && !result.plan && (
        <div className="table-scroll">
          <table data-testid="sql-result">
            <thead><tr>{result.columns.map((c, i) => <th key={i}>{c}</th>)}</tr></thead>
            <tbody>{result.rows.map((row, i) => <tr key={i}>{row.map((v, j) => <td key={j}>{v ?? <span className="muted">null</span>}</td>)}</tr>)}</tbody>
          </table>
          <p className="muted">{result.rows.length}{result.truncated ? '+ rows (the first 500 shown)' : ' row(s)'} in {result.millis} ms</p>
        </div>
      )}
    </div>
  );
}

function PlanTree({ plan }: { plan: NonNullable<SqlResult['plan']> }) {
  return (
    <div data-testid="plan">
      <p className="muted">
        Planning {plan.planningMs?.toFixed(2) ?? '?'} ms, execution {plan.executionMs?.toFixed(2) ?? '?'} ms. The node marked
        ★ took the most time itself.
      </p>
      <ul className="plan"><PlanItem node={plan.root} /></ul>
    </div>
  );
}

const n = (value: number | null, digits = 0) => (value === null ? '?' : value.toLocaleString(undefined, { maximumFractionDigits: digits }));

function PlanItem({ node }: { node: PlanNode }) {
  return (
    <li>
      <div className={node.mostExpensive ? 'plan-node hottest' : 'plan-node'} data-most-expensive={node.mostExpensive || undefined}>
        {node.mostExpensive && <span aria-label="most expensive">★ </span>}
        <strong>{node.type}</strong>
        {node.relation && <> on <code>{node.relation}</code></>}
        {node.index && <> using <code>{node.index}</code></>}
        <span className="muted">
          {' '}rows {n(node.rows)} (est. {n(node.estimatedRows)}) × {n(node.loops)} loops, {n(node.selfMs, 2)} ms itself of {n(node.totalMs, 2)} ms
          {node.rowsRemovedByFilter ? `, ${n(node.rowsRemovedByFilter)} rows removed by filter` : ''}
          {node.sharedHitBlocks !== null ? `, buffers hit ${n(node.sharedHitBlocks)} read ${n(node.sharedReadBlocks)}` : ''}
        </span>
        {node.detail && <div className="muted"><code>{node.detail}</code></div>}
      </div>
      {node.children.length > 0 && <ul>{node.children.map((child, i) => <PlanItem key={i} node={child} />)}</ul>}
    </li>
  );
}

/** Keeps this many lines on the page; older ones go. */
const KEPT_LINES = 2000;

function Logs({ runId }: { runId: string }) {
  const sources = useApi<string[]>(`/api/runs/${runId}/diagnostics/logs`);
  const [source, setSource] = useState('app-0');
  const [filter, setFilter] = useState('');
  const [applied, setApplied] = useState('');
  const [paused, setPaused] = useState(false);
  const [lines, setLines] = useState<string[]>([]);
  const held = useRef<string[]>([]);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  const bottom = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setLines([]);
    held.current = [];
    const query = applied ? `?filter=${encodeURIComponent(applied)}` : '';
    const events = new EventSource(`/api/runs/${runId}/diagnostics/logs/${source}${query}`);
    events.addEventListener('lines', (event) => {
      const fresh = JSON.parse((event as MessageEvent).data) as string[];
      if (pausedRef.current) {
        held.current = [...held.current, ...fresh].slice(-KEPT_LINES);
      } else {
        setLines((old) => [...old, ...fresh].slice(-KEPT_LINES));
      }
    });
    return () => events.close();
  }, [runId, source, applied]);

  const resume = () => {
    setLines((old) => [...old, ...held.current].slice(-KEPT_LINES));
    held.current = [];
    setPaused(false);
  };

  return (
    <div>
      <div className="row">
        <select aria-label="Service" value={source} onChange={(e) => setSource(e.target.value)} style={{ width: 'auto' }}>
          {(sources.data ?? ['app-0']).map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <input aria-label="Filter" placeholder="Filter, then Enter" maxLength={200} value={filter} style={{ width: '14rem' }}
          onChange={(e) => setFilter(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter') setApplied(filter.trim()); }} />
        {paused ? <button onClick={resume}>Resume</button> : <button className="secondary" onClick={() => setPaused(true)}>Pause</button>}
        <button className="secondary" onClick={() => bottom.current?.scrollIntoView({ block: 'end' })}>Newest line</button>
      </div>
      <ErrorNotice error={sources.error} />
      <pre className="log" data-testid="log-lines">{lines.join('\n')}<div ref={bottom} /></pre>
    </div>
  );
}

function Trail({ runId }: { runId: string }) {
  const trail = useApi<TrailEntry[]>(`/api/runs/${runId}/diagnostics/trail`);
  if (trail.error) return <ErrorNotice error={trail.error} />;
  if (!trail.data?.length) return <p className="muted">Nothing yet.</p>;
  return <TrailList entries={trail.data} />;
}
