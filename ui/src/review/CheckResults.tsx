// The check results of a submission: every check's verdict with what was measured against what it had to be.
import { PassBadge, VerdictTable } from '../components/VerdictTable';
import type { CheckResultsPayload } from './types';

export function CheckResults({ results }: { results: CheckResultsPayload }) {
  return (
    <>
      <p className="row">
        {results.gaveUp ? <span className="badge warn">gave up</span> : <PassBadge passed={results.passed} />}
        <span>{results.attempts} {results.attempts === 1 ? 'check run' : 'check runs'}</span>
      </p>
      <VerdictTable verdicts={results.verdicts} />
    </>
  );
}
