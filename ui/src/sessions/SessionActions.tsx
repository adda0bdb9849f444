// What a session can ask of one participant: answer a proposal, evaluate the partner, endorse them.
import { useState } from 'react';
import { send } from '../api';
import { ErrorNotice, Loading } from '../components/Status';
import { useApi } from '../components/useApi';
import { RubricForm } from '../review/RubricForm';
import type { Rubric } from '../review/types';
import { formatTime } from './StateBadge';
import type { PeerSession } from './types';

/** SkillStandings.MAX_COMMENT on the server. */
const MAX_ENDORSEMENT_COMMENT = 2000;

export function AnswerPanel({ session, onDone }: { session: PeerSession; onDone: () => void }) {
  const [pending, setPending] = useState<'accept' | 'decline'>();
  const [error, setError] = useState<unknown>();
  const answer = async (choice: 'accept' | 'decline') => {
    setPending(choice);
    setError(undefined);
    try {
      await send('POST', `/api/sessions/${session.id}/${choice}`);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setPending(undefined);
    }
  };
  return (
    <section className="panel" aria-labelledby="answer-title">
      <h2 id="answer-title">{session.requesterId} proposes this session to you</h2>
      <p>
        On {formatTime(session.slotStart)} for {session.prompt?.title ?? 'a design problem'}. Answer by {formatTime(session.acceptBy)};
        without an answer, {session.requesterId} is matched with someone else.
      </p>
      <ErrorNotice error={error} />
      <div className="row">
        <button type="button" onClick={() => void answer('accept')} disabled={!!pending}>Accept</button>
        <button type="button" className="secondary" onClick={() => void answer('decline')} disabled={!!pending}>Decline</button>
        {pending && <Loading what={pending === 'accept' ? 'Accepting' : 'Declining'} />}
      </div>
    </section>
  );
}

export function EvaluationPanel({ session, onDone }: { session: PeerSession; onDone: () => void }) {
  const rubric = useApi<Rubric>('/api/sessions/rubric');
  const [attended, setAttended] = useState<boolean>();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>();
  const [sending, setSending] = useState(false);
  const partner = session.partnerId ?? 'your partner';

  const evaluate = async (points: Record<string, number>, text: string) => {
    await send('POST', `/api/sessions/${session.id}/evaluation`, { attended: true, points, comment: text });
    onDone();
  };
  const reportAbsent = async () => {
    setSending(true);
    setError(undefined);
    try {
      await send('POST', `/api/sessions/${session.id}/evaluation`, { attended: false, comment: comment.trim() });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="evaluate-title">
      <h2 id="evaluate-title">Evaluate {partner}</h2>
      <p className="muted">
        Your evaluation is shown to {partner} once you both have evaluated, or when the time to evaluate runs out
        ({formatTime(session.slotEnd)} plus the grace period). Whoever has not evaluated by then counts as absent.
      </p>
      <fieldset>
        <legend>Did {partner} take part in the session?</legend>
        <label className="inline"><input type="radio" name="attended" checked={attended === true} onChange={() => setAttended(true)} style={{ width: 'auto' }} /> Yes</label>{' '}
        <label className="inline"><input type="radio" name="attended" checked={attended === false} onChange={() => setAttended(false)} style={{ width: 'auto' }} /> No, they did not show up</label>
      </fieldset>
      {attended === true && (rubric.error ? <ErrorNotice error={rubric.error} /> : !rubric.data ? <Loading what="Loading the rubric" /> :
        <RubricForm rubric={rubric.data} onSubmit={evaluate} submitLabel="Submit evaluation" />)}
      {attended === false && (
        <>
          <label htmlFor="absent-comment">What happened? <span className="muted">(optional)</span></label>
          <textarea id="absent-comment" value={comment} maxLength={5000} onChange={(e) => setComment(e.target.value)} disabled={sending} />
          <ErrorNotice error={error} />
          <div className="row">
            <button type="button" onClick={() => void reportAbsent()} disabled={sending}>Report {partner} absent</button>
            {sending && <Loading what="Recording it" />}
          </div>
        </>
      )}
    </section>
  );
}

export function EndorsementPanel({ session, onDone }: { session: PeerSession; onDone: () => void }) {
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [pending, setPending] = useState(false);
  const partner = session.partnerId ?? 'your partner';
  const decide = async (endorse: boolean) => {
    setError(undefined);
    if (endorse && !comment.trim()) {
      setProblem('Write what you saw before you endorse.');
      document.getElementById('session-endorse-comment')?.focus();
      return;
    }
    setProblem(undefined);
    setPending(true);
    try {
      await send('POST', `/api/sessions/${session.id}/endorsement`, { endorse, comment: comment.trim() });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="endorse-title">
      <h2 id="endorse-title">Endorse {partner} for {session.skill}?</h2>
      <p className="muted">
        Optional. An endorsement says you would vouch for this skill; it counts towards {partner}'s Peer-endorsed tier
        only if you hold tier 3 or above in it now.
      </p>
      <label htmlFor="session-endorse-comment">What did you see? <span className="muted">(required to endorse)</span></label>
      <textarea id="session-endorse-comment" value={comment} maxLength={MAX_ENDORSEMENT_COMMENT} disabled={pending}
        aria-invalid={problem ? true : undefined} aria-describedby={problem ? 'session-endorse-problem' : undefined}
        onChange={(e) => setComment(e.target.value)} />
      {problem && <p className="field-error" id="session-endorse-problem" role="alert">{problem}</p>}
      <ErrorNotice error={error} />
      <div className="row">
        <button type="button" onClick={() => void decide(true)} disabled={pending}>Endorse</button>
        <button type="button" className="secondary" onClick={() => void decide(false)} disabled={pending}>Not this time</button>
        {pending && <Loading what="Recording your decision" />}
      </div>
    </section>
  );
}
