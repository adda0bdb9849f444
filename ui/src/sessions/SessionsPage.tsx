// Peer sessions: request one, and every request and session of mine with what it waits for from me.
import { useEffect } from 'react';
import { ErrorNotice, Loading } from '../components/Status';
import { useApi } from '../components/useApi';
import { Link, navigate } from '../router';
import { RequestForm } from './RequestForm';
import { formatTime, StateBadge } from './StateBadge';
import { MOVING, type PeerSession, type SessionOptions } from './types';

const ACTIONS: Record<string, string> = { answer: 'Accept or decline', evaluate: 'Evaluate your partner', endorse: 'Endorse (optional)' };

export function SessionsPage() {
  const options = useApi<SessionOptions>('/api/sessions/options');
  const sessions = useApi<PeerSession[]>('/api/sessions');
  const { reload } = sessions;
  const moving = sessions.data?.some((s) => MOVING.includes(s.state)) ?? false;
  useEffect(() => {
    if (!moving) return;
    const timer = window.setInterval(reload, 10000);
    return () => window.clearInterval(timer);
  }, [moving, reload]);

  return (
    <>
      <h1>Peer sessions</h1>
      <p className="muted">
        Design a real system live with another learner, then evaluate each other with the session rubric: how each of
        you decomposed the problem, chose technologies, reasoned about scale and failure, and explained decisions. A
        held session is evidence for both of you, and counts towards your SCI.
      </p>
      {options.error ? <ErrorNotice error={options.error} /> : !options.data ? <Loading what="Loading the request form" /> :
        <RequestForm options={options.data} onRequested={(session) => navigate(`/sessions/${session.id}`)} />}
      <section className="panel" aria-labelledby="my-sessions">
        <h2 id="my-sessions">My sessions</h2>
        {sessions.error ? <ErrorNotice error={sessions.error} /> : !sessions.data ? <Loading what="Loading your sessions" /> :
          sessions.data.length === 0 ? <p className="muted">No sessions yet. Request one above.</p> : (
            <table data-testid="my-sessions">
              <thead><tr><th>Prompt</th><th>Partner</th><th>Slot</th><th>State</th><th>For you</th></tr></thead>
              <tbody>
                {sessions.data.map((s) => (
                  <tr key={s.id} data-session={s.id}>
                    <td><Link href={`/sessions/${s.id}`}>{s.prompt?.title ?? `${s.skill} session`}</Link></td>
                    <td>{s.partnerId ?? <span className="muted">not matched yet</span>}</td>
                    <td>{s.slotStart ? formatTime(s.slotStart) : <span className="muted">free {formatTime(s.windowStart)} – {formatTime(s.windowEnd)}</span>}</td>
                    <td><StateBadge state={s.state} role={s.role} /></td>
                    <td>{s.waitingFor ? <Link className="button" href={`/sessions/${s.id}`}>{ACTIONS[s.waitingFor]}</Link> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
      </section>
    </>
  );
}
