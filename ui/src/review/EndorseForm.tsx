// The optional endorsement after a passing review: endorse with a comment that says what the reviewer saw, or decline.
import { useState } from 'react';
import { send } from '../api';
import { ErrorNotice, Loading } from '../components/Status';
import type { ReviewTask } from './types';

type Outcome = 'endorsed' | 'declined';

export function EndorseForm({ task }: { task: ReviewTask }) {
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [pending, setPending] = useState<Outcome>();
  const [outcome, setOutcome] = useState<Outcome>();

  const decide = async (endorse: boolean) => {
    setError(undefined);
    if (endorse && !comment.trim()) {
      setProblem('Write a comment that says what you saw before you endorse.');
      document.getElementById('endorse-comment')?.focus();
      return;
    }
    setProblem(undefined);
    setPending(endorse ? 'endorsed' : 'declined');
    try {
      await send('POST', `/api/review/endorsements/${encodeURIComponent(task.taskId)}`, { endorse, comment: comment.trim() });
      setOutcome(endorse ? 'endorsed' : 'declined');
    } catch (e) {
      setError(e);
    } finally {
      setPending(undefined);
    }
  };

  if (outcome) {
    return (
      <p className="notice ok" role="status" data-testid="endorsement-outcome">
        {outcome === 'endorsed'
          ? `Endorsement recorded: ${task.learnerId} is endorsed for ${task.skill}.`
          : `You declined to endorse ${task.learnerId}. The review stands as submitted.`}
      </p>
    );
  }
  return (
    <section className="panel" aria-labelledby="endorse-title">
      <h2 id="endorse-title">Endorse {task.learnerId} for {task.skill}?</h2>
      <p className="muted">
        Optional. An endorsement says you would vouch for this skill; it counts towards the learner's standing when you
        hold tier 3 or above in it.
      </p>
      <label htmlFor="endorse-comment">What did you see? <span className="muted">(required to endorse)</span></label>
      <textarea id="endorse-comment" value={comment} maxLength={5000} disabled={pending !== undefined}
        aria-invalid={problem ? true : undefined} aria-describedby={problem ? 'endorse-problem' : undefined}
        onChange={(e) => {
          setComment(e.target.value);
          if (e.target.value.trim()) setProblem(undefined);
        }} />
      {problem && <p className="field-error" id="endorse-problem" role="alert">{problem}</p>}
      <ErrorNotice error={error} />
      <div className="row">
        <button type="button" onClick={() => void decide(true)} disabled={pending !== undefined}>Endorse</button>
        <button type="button" className="secondary" onClick={() => void decide(false)} disabled={pending !== undefined}>Decline</button>
        {pending && <Loading what={pending === 'endorsed' ? 'Recording the endorsement' : 'Recording your decision'} />}
      </div>
    </section>
  );
}
