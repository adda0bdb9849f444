// A time-series chart in plain SVG: a few series over seconds, with a legend that shows each series' latest value.

export interface Series {
  name: string;
  color: string;
  /** [second, value] pairs, oldest first. */
  points: Array<[number, number]>;
}

const WIDTH = 460;
const PAD = { left: 44, right: 10, top: 10, bottom: 22 };

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= value) ?? 10;
  return step * magnitude;
}

function format(value: number): string {
  if (Math.abs(value) >= 1000) return `${(value / 1000).toFixed(1)}k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function LineChart({ title, unit, series, height = 150 }: { title: string; unit: string; series: Series[]; height?: number }) {
  const all = series.flatMap((s) => s.points);
  const xMax = Math.max(10, ...all.map(([x]) => x));
  const xMin = Math.min(xMax - 10, ...all.map(([x]) => x));
  const yMax = niceMax(Math.max(0, ...all.map(([, y]) => y)));
  const x = (v: number) => PAD.left + ((v - xMin) / Math.max(1, xMax - xMin)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => height - PAD.bottom - (v / yMax) * (height - PAD.top - PAD.bottom);
  const latest = series.map((s) => `${s.name} ${s.points.length ? format(s.points[s.points.length - 1][1]) : '–'} ${unit}`);
  return (
    <figure className="chart">
      <figcaption>
        <strong>{title}</strong>
        <span className="legend">
          {series.map((s, i) => (
            <span key={s.name}>
              <i style={{ background: s.color }} aria-hidden="true" /> {latest[i]}
            </span>
          ))}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${title}: ${latest.join(', ')}`}>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(yMax * f)} y2={y(yMax * f)} className="grid" />
            <text x={PAD.left - 6} y={y(yMax * f) + 4} textAnchor="end">{format(yMax * f)}</text>
          </g>
        ))}
        <text x={PAD.left} y={height - 6}>{Math.round(xMin)} s</text>
        <text x={WIDTH - PAD.right} y={height - 6} textAnchor="end">{Math.round(xMax)} s</text>
        {series.map((s) => (
          <polyline key={s.name} fill="none" stroke={s.color} strokeWidth={2}
            points={s.points.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(' ')} />
        ))}
      </svg>
    </figure>
  );
}
