// The check results of a submission: every check's verdict with what was measured against what it had to be.
import type { CheckResultsPayload } from './types';

function passBadge(passed: boolean) {
  return <span className={`badge ${passed ? 'ok' : 'bad'}`}>{passed ? 'passed' : 'failed'}</span>;
}

export function CheckResults({ results }: { results: CheckResultsPayload }) {
  return (
    <>
      <p className="row">
        {results.gaveUp ? <span className="badge warn">gave up</span> : passBadge(results.passed)}
        <span>{results.attempts} {results.attempts === 1 ? 'check run' : 'check runs'}</span>
      </p>
      {results.verdicts.length === 0 ? (
        <p className="muted">No check ran to completion.</p>
      ) : (
        <table className="checks">
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Verdict</th>
              <th scope="col">Measured</th>
            </tr>
          </thead>
          <tbody>
            {results.verdicts.map((verdict) => (
              <tr key={verdict.checkId}>
                <th scope="row">
                  {verdict.title}
                  <div className="muted small">{verdict.message}</div>
                </th>
                <td>{passBadge(verdict.passed)}</td>
                <td>
                  {verdict.measurements.length === 0 && <span className="muted">–</span>}
                  <ul className="plain">
                    {verdict.measurements.map((m) => (
                      <li key={m.name}>
                        <code>{m.name}</code> {Number.isInteger(m.measured) ? m.measured : m.measured.toFixed(2)}{' '}
                        <span className="muted">({m.expected})</span> {m.passed ? '✓' : '✗'}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
