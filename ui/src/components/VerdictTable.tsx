// Check verdicts: what each check measured against what it had to be. Learners also see the hint a failed check
// gives them; reviewers see the same table without hints.
import type { CheckVerdict, MeasuredConditions } from '../reports';

/** A measured value; the platform sends "NaN" for one it could not measure (no request was answered, say). */
function formatMeasured(value: number | string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'not measurable';
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

export function PassBadge({ passed, inconclusive = false }: { passed: boolean; inconclusive?: boolean }) {
  if (!passed && inconclusive) return <span className="badge warn">inconclusive</span>;
  return <span className={`badge ${passed ? 'ok' : 'bad'}`}>{passed ? 'passed' : 'failed'}</span>;
}

function percent(share: number | null): string | null {
  return share == null ? null : `${(share * 100).toFixed(1)}%`;
}

/** The measured window's conditions in a line: what the host did meanwhile, and how often it ran again. */
export function Conditions({ conditions }: { conditions: MeasuredConditions }) {
  const parts: string[] = [];
  const stolen = percent(conditions.cpuTaken);
  const generator = percent(conditions.generatorWait);
  const host = percent(conditions.hostPressure);
  const throttled = percent(conditions.throttled);
  if (stolen) parts.push(`CPU taken from the stack ${stolen}`);
  if (generator) parts.push(`load generator waited for a CPU ${generator}`);
  if (host) parts.push(`host CPU pressure ${host}`);
  if (throttled) parts.push(`held back by its own CPU limit ${throttled}`);
  if (conditions.rate != null) parts.push(`load sized to this machine's speed: ${conditions.rate} a second`);
  if (typeof conditions.speedDrift === 'number' && conditions.speedDrift > 1.05) {
    parts.push(`the machine ran ${Math.round((conditions.speedDrift - 1) * 100)}% slower than the load assumed`);
  }
  if (conditions.sizedForHost === false) parts.push('the machine ran faster than the load assumed');
  if (conditions.queuedMillis > 0) parts.push(`waited ${Math.round(conditions.queuedMillis / 1000)} s for its turn`);
  if (conditions.reruns > 0) parts.push(`measured again ${conditions.reruns}× because the host was busy`);
  return (
    <div className="muted small conditions" data-clean={conditions.clean}>
      {conditions.clean ? 'Measured in clean conditions' : 'Measured while the host was busy'}
      {parts.length > 0 && `: ${parts.join(', ')}`}
    </div>
  );
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
              {verdict.conditions && <Conditions conditions={verdict.conditions} />}
              {verdict.seed != null && <div className="muted small">Samples drawn from seed {verdict.seed}</div>}
              {hints && !verdict.passed && verdict.hint && <div className="hint"><strong>Hint:</strong> {verdict.hint}</div>}
            </th>
            <td><PassBadge passed={verdict.passed} inconclusive={verdict.inconclusive} /></td>
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
