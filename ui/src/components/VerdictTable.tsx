// Check verdicts: what each check measured against what it had to be. Learners also see the hint a failed check
// gives them; reviewers see the same table without hints.
import type { CheckVerdict } from '../reports';

/** A measured value; the platform sends "NaN" for one it could not measure (no request was answered, say). */
function formatMeasured(value: number | string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'not measurable';
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

export function PassBadge({ passed }: { passed: boolean }) {
  return <span className={`badge ${passed ? 'ok' : 'bad'}`}>{passed ? 'passed' : 'failed'}</span>;
}

export function VerdictTable({ verdicts, hints = false }: { verdicts: CheckVerdict[]; hints?: boolean }) {
  if (verdicts.length === 0) return <p className="muted">No check ran to completion.</p>;
  return (
    <table className="checks">
      <thead>
        <tr>
          <th scope="col">Check</th>
          <th scope="col">Verdict</th>
          <th scope="col">Measured</th>
        </tr>
      </thead>
      <tbody>
        {verdicts.map((verdict) => (
          <tr key={verdict.checkId} data-check={verdict.checkId}>
            <th scope="row">
              {verdict.title}
              <div className="muted small">{verdict.message}</div>
              {hints && !verdict.passed && verdict.hint && <div className="hint"><strong>Hint:</strong> {verdict.hint}</div>}
            </th>
            <td><PassBadge passed={verdict.passed} /></td>
            <td>
              {verdict.measurements.length === 0 && <span className="muted">–</span>}
              <ul className="plain">
                {verdict.measurements.map((m) => (
                  <li key={m.name}>
                    <code>{m.name}</code> {formatMeasured(m.measured)}{' '}
                    <span className="muted">({m.expected})</span> {m.passed ? '✓' : '✗'}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
