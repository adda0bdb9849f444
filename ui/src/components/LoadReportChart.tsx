// A load run's report (the server's loadgen LoadReport) as charts and a summary table: for reviewers' before/after
// evidence, and for learners' own load runs.
import type { LoadReport, LoadSample } from '../reports';
import { LineChart } from './LineChart';
import './LoadReportChart.css';

function ms(value: number): string {
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

function errorRate(report: LoadReport): string {
  const rate = report.requests === 0 ? 0 : report.errors / report.requests;
  return `${(rate * 100).toFixed(rate > 0 && rate < 0.001 ? 2 : 1)}%`;
}

/**
 * Latency and throughput over the measured seconds (the warm-up is left out, as the report's figures leave it out).
 * Latency is that of answered requests: a second in which nothing was answered (all timeouts) has no latency point.
 */
export function LoadReportChart({ title, report }: { title: string; report: LoadReport }) {
  const measured = report.samples.filter((s) => !s.warmUp);
  const answered = measured.filter((s) => s.maxMs > 0);
  const over = (samples: LoadSample[], value: (s: LoadSample) => number): Array<[number, number]> =>
    samples.map((s) => [s.second, value(s)]);
  return (
    <div className="load-report">
      <LineChart title={`${title}: latency`} unit="ms" series={[
        { name: 'p50', color: '#1d4f91', points: over(answered, (s) => s.p50Ms) },
        { name: 'p95', color: '#b35c00', points: over(answered, (s) => s.p95Ms) },
        { name: 'p99', color: '#a4262c', points: over(answered, (s) => s.p99Ms) },
      ]} />
      <LineChart title={`${title}: throughput`} unit="/s" height={110} series={[
        { name: 'requests', color: '#1e6b3a', points: over(measured, (s) => s.requests) },
        { name: 'errors', color: '#a4262c', points: over(measured, (s) => s.errors) },
      ]} />
      {!report.completed && <p className="notice error">Cut short: {report.cutShortReason ?? 'no reason given'}</p>}
    </div>
  );
}

/** Several reports' headline figures side by side, one row each. */
export function LoadReportTable({ caption, reports }: { caption: string; reports: Array<{ name: string; report: LoadReport }> }) {
  return (
    <table className="load-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Requests</th>
          <th scope="col">Throughput</th>
          <th scope="col">p50</th>
          <th scope="col">p95</th>
          <th scope="col">p99</th>
          <th scope="col">Errors</th>
        </tr>
      </thead>
      <tbody>
        {reports.map(({ name, report }) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{report.requests.toLocaleString()}</td>
            <td>{report.throughputRps.toFixed(1)} /s</td>
            <td>{ms(report.p50Ms)}</td>
            <td>{ms(report.p95Ms)}</td>
            <td>{ms(report.p99Ms)}</td>
            <td>
              {errorRate(report)}
              {Object.entries(report.errorsByKind).map(([kind, count]) => (
                <span key={kind} className="badge bad">{kind}: {count}</span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
