import { useEffect, useState } from 'react';
import { LineChart, type Series } from '../components/LineChart';
import type { CheckVerdict, LoadSample, TelemetrySample } from './types';

const COLORS = ['#1d4f91', '#c2410c', '#15803d', '#7c3aed', '#b91c1c', '#0e7490'];

interface Live {
  phase?: string;
  running: boolean;
  load: LoadSample[];
  telemetry: TelemetrySample[];
  verdicts: CheckVerdict[];
  /** Why the charts started over: a noisy window being measured again. */
  notice?: string;
}

const EMPTY: Live = { running: false, load: [], telemetry: [], verdicts: [] };

/** The run's metrics as they happen, over server-sent events; a new load or check run starts fresh charts. */
export function useLiveMetrics(runId: string): Live {
  const [live, setLive] = useState<Live>(EMPTY);
  useEffect(() => {
    const source = new EventSource(`/api/runs/${runId}/live`);
    const on = (kind: string, update: (live: Live, frame: { phase: string; data: never }) => Live) =>
      source.addEventListener(kind, (event) => {
        const frame = JSON.parse((event as MessageEvent).data);
        setLive((current) => update(current, frame));
      });
    on('phase', (current, frame) => {
      const started = (frame.data as { state: string }).state === 'started';
      return started ? { ...EMPTY, phase: frame.phase, running: true } : { ...current, running: false };
    });
    on('load', (current, frame) => ({ ...current, phase: frame.phase, load: [...current.load, frame.data as LoadSample] }));
    on('telemetry', (current, frame) => ({ ...current, telemetry: [...current.telemetry, frame.data as TelemetrySample] }));
    on('verdict', (current, frame) => ({ ...current, verdicts: [...current.verdicts, frame.data as CheckVerdict] }));
    on('rerun', (current, frame) => {
      const { profile } = frame.data as { profile: string };
      const notice = `The host was too busy to measure the ${profile} load fairly; it runs again once the host is calm.`;
      return { ...current, load: [], telemetry: [], notice };
    });
    return () => source.close();
  }, [runId]);
  return live;
}

function phaseName(phase?: string): string {
  if (!phase) return '';
  if (phase === 'baseline') return 'baseline load';
  if (phase === 'checks') return 'check run';
  return `load run (${phase.replace('load:', '')})`;
}

export function LiveDashboard({ live }: { live: Live }) {
  const load = live.load;
  const telemetry = live.telemetry;
  const replicas = [...new Set(telemetry.flatMap((t) => Object.keys(t.cpuPercent)))].sort();
  // Latency describes answered requests: a second in which every request failed has none to show.
  const answered = load.filter((s) => s.requests > s.errors);
  const latency: Series[] = [
    { name: 'p50', color: COLORS[0], points: answered.map((s) => [s.second, s.p50Ms]) },
    { name: 'p95', color: COLORS[1], points: answered.map((s) => [s.second, s.p95Ms]) },
    { name: 'p99', color: COLORS[4], points: answered.map((s) => [s.second, s.p99Ms]) },
  ];
  const throughput: Series[] = [
    { name: 'requests', color: COLORS[0], points: load.map((s) => [s.second, s.requests]) },
    { name: 'errors', color: COLORS[4], points: load.map((s) => [s.second, s.errors]) },
  ];
  const connections: Series[] = [
    { name: 'open', color: COLORS[0], points: telemetry.map((t) => [t.second, t.dbConnections]) },
    { name: 'active', color: COLORS[2], points: telemetry.map((t) => [t.second, t.dbActive]) },
  ];
  const cpu: Series[] = replicas.map((replica, i) => ({
    name: `app-${replica}`,
    color: COLORS[i % COLORS.length],
    points: telemetry.map((t) => [t.second, t.cpuPercent[replica] ?? 0]),
  }));
  const latest = load[load.length - 1];
  return (
    <section className="panel" aria-labelledby="live-title">
      <div className="row">
        <h2 id="live-title">Live metrics</h2>
        {live.running ? (
          <span className="badge warn live" data-testid="live-status">● Live: {phaseName(live.phase)}, {latest ? `second ${latest.second}` : 'starting'}</span>
        ) : load.length ? (
          <span className="badge">Last: {phaseName(live.phase)}</span>
        ) : (
          <span className="muted">Charts fill in every second while load or checks run.</span>
        )}
      </div>
      {live.running && live.notice && <p className="notice" data-testid="live-notice">{live.notice}</p>}
      {latest && (
        <p className="figures" data-testid="live-figures">
          <strong data-testid="live-throughput">{latest.requests}</strong> req/s ·{' '}
          {latest.requests > latest.errors ? <><strong>{latest.p95Ms.toFixed(1)}</strong> ms p95</> : <strong>every request failed</strong>} ·{' '}
          <strong>{latest.errors}</strong> errors/s ·{' '}
          <strong>{latest.inFlight}</strong> in flight{latest.warmUp ? ' (warm-up)' : ''}
        </p>
      )}
      <div className="grid2">
        <LineChart title="Latency" unit="ms" series={latency} />
        <LineChart title="Throughput" unit="/s" series={throughput} />
        <LineChart title="Database connections" unit="" series={connections} />
        <LineChart title="CPU per replica" unit="%" series={cpu.length ? cpu : [{ name: 'app', color: COLORS[0], points: [] }]} />
      </div>
    </section>
  );
}
