// One session: the prompt and the slot, and whatever the session waits for from me now.
import { useEffect, useState } from 'react';
import { send } from '../api';
import { ErrorNotice, Loading } from '../components/Status';
import { useApi } from '../components/useApi';
import { Link } from '../router';
import { AnswerPanel, EndorsementPanel, EvaluationPanel } from './SessionActions';
import { formatTime, StateBadge } from './StateBadge';
import { cancellable, MOVING, type PeerEvaluation, type PeerSession } from './types';

export function SessionPage({ sessionId }: { sessionId: string }) {
  const loaded = useApi<PeerSession>(`/api/sessions/${encodeURIComponent(sessionId)}`);
  const { reload } = loaded;
  const session = loaded.data;
  // While others act (matching, the partner, the slot timer), look again now and then; never over a form being filled.
  const watching = session && MOVING.includes(session.state) && !session.waitingFor;
  useEffect(() => {
    if (!watching) return;
    const timer = window.setInterval(reload, 5000);
    return () => window.clearInterval(timer);
  }, [watching, reload]);

  if (loaded.error) return <><p><Link href="/sessions">← Peer sessions</Link></p><ErrorNotice error={loaded.error} /></>;
  if (!session) return <Loading what="Loading the session" />;
  return (
    <>
      <p><Link href="/sessions">← Peer sessions</Link></p>
      <h1>{session.prompt?.title ?? `A ${session.skill} session`}</h1>
      <div className="row" data-testid="session-state"><StateBadge state={session.state} role={session.role} />
        {session.partnerId && <span>with <strong>{session.partnerId}</strong></span>}
        {session.slotStart && <span>on <strong>{formatTime(session.slotStart)}</strong> – {formatTime(session.slotEnd)}</span>}
      </div>
      <Situation session={session} />
      {session.waitingFor === 'answer' && <AnswerPanel session={session} onDone={reload} />}
      {session.waitingFor === 'evaluate' && <EvaluationPanel session={session} onDone={reload} />}
      {session.waitingFor === 'endorse' && <EndorsementPanel session={session} onDone={reload} />}
      {session.prompt && (
        <section className="panel" aria-labelledby="prompt-title">
          <h2 id="prompt-title">The prompt{session.prompt.level === 'ADVANCED' ? ' (advanced)' : ''}</h2>
          <p>{session.prompt.brief}</p>
          <h3>Cover in the discussion</h3>
          <ul>{session.prompt.focus.map((f) => <li key={f}>{f}</li>)}</ul>
        </section>
      )}
      {(session.myEvaluation || session.evaluationOfMe) && (
        <div className="grid2">
          {session.myEvaluation && <EvaluationSummary title={`Your evaluation of ${session.partnerId}`} evaluation={session.myEvaluation} />}
          {session.evaluationOfMe && <EvaluationSummary title={`${session.evaluationOfMe.evaluatorId}'s evaluation of you`} evaluation={session.evaluationOfMe} />}
        </div>
      )}
      {cancellable(session) && <CancelButton session={session} onDone={reload} />}
    </>
  );
}

function Situation({ session }: { session: PeerSession }) {
  switch (session.state) {
    case 'MATCHING':
      return <p>We are looking for a partner free between {formatTime(session.windowStart)} and {formatTime(session.windowEnd)}, until {formatTime(session.matchDeadline)}.</p>;
    case 'PROPOSED':
      return session.role === 'requester' ? <p>{session.partnerId} has until {formatTime(session.acceptBy)} to accept.</p> : null;
    case 'HELD':
      return <p>Another learner proposed a session to you. Find it in <Link href="/sessions">your sessions</Link> and accept or decline it.</p>;
    case 'SCHEDULED':
      return <p>Meet {session.partnerId} at the slot. The evaluation opens when it starts.</p>;
    case 'EVALUATING':
      return session.waitingFor ? null : <p>Your evaluation is in. {session.partnerId}'s evaluation of you shows once they have evaluated too.</p>;
    case 'ENDORSING':
      return <p>The session was held. Your SCI is updated once the endorsements are decided or their window closes.</p>;
    case 'COMPLETED':
      return <p className="notice ok">Held and recorded: the evaluations are evidence for both of you, and your SCI and tier were updated. <Link href="/skills">See my skills</Link>.</p>;
    case 'NO_SHOW':
      return <p className="notice error">Recorded as a no-show: {session.absent.join(' and ')} did not attend or did not evaluate in time. It gives no credit.</p>;
    case 'NO_MATCH':
      return <p className="notice error">No partner was found in time. Request again, with a wider window if you can.</p>;
    case 'CANCELLED':
      return <p className="notice">This session was cancelled.</p>;
    default:
      return null;
  }
}

function EvaluationSummary({ title, evaluation }: { title: string; evaluation: PeerEvaluation }) {
  return (
    <section className="panel">
      <h2>{title}</h2>
      {!evaluation.attended ? <p>Reported absent.</p> : (
        <>
          <p>Score <strong>{Math.round((evaluation.score ?? 0) * 100)}%</strong>, {evaluation.passed ? 'passes' : 'does not pass'} the rubric.</p>
          <ul className="small">{Object.entries(evaluation.points).map(([criterion, points]) => <li key={criterion}>{criterion}: {points}</li>)}</ul>
        </>
      )}
      {evaluation.comment && <blockquote>{evaluation.comment}</blockquote>}
      {evaluation.endorse !== null && <p className="muted">{evaluation.endorse ? 'Endorsed.' : 'Did not endorse.'}</p>}
    </section>
  );
}

function CancelButton({ session, onDone }: { session: PeerSession; onDone: () => void }) {
  const [error, setError] = useState<unknown>();
  const [pending, setPending] = useState(false);
  const cancel = async () => {
    if (!window.confirm(session.state === 'SCHEDULED' ? `Cancel the session? ${session.partnerId} will be told.` : 'Cancel this request?')) return;
    setPending(true);
    setError(undefined);
    try {
      await send('POST', `/api/sessions/${session.id}/cancel`);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  };
  return (
    <div className="row">
      <button type="button" className="danger secondary" onClick={() => void cancel()} disabled={pending}>
        {session.state === 'SCHEDULED' ? 'Cancel the session' : 'Cancel the request'}
      </button>
      {pending && <Loading what="Cancelling" />}
      <ErrorNotice error={error} />
    </div>
  );
}
