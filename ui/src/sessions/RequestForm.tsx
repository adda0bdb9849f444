// Ask for a session: the skill and the window in which you are free. The server checks the same limits again.
import { useState, type FormEvent } from 'react';
import { send } from '../api';
import { ErrorNotice, Loading } from '../components/Status';
import type { PeerSession, SessionOptions } from './types';

/** A datetime-local value (the user's local time, to the minute) for an instant. */
function localValue(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 16);
}

function problemsOf(options: SessionOptions, start: Date, end: Date): string[] {
  const problems: string[] = [];
  const now = Date.now();
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return ['Choose when your window starts and ends.'];
  if (end <= start) problems.push('The window must end after it starts.');
  if (end.getTime() > now + options.maxAheadDays * 86400000) problems.push(`The window may end at most ${options.maxAheadDays} days ahead.`);
  const earliest = Math.max(start.getTime(), now + options.minNoticeMinutes * 60000);
  if (end.getTime() - earliest < options.sessionMinutes * 60000) {
    problems.push(`The window must hold a whole session of ${options.sessionMinutes} minutes, starting at least ${options.minNoticeMinutes} minutes from now.`);
  }
  return problems;
}

export function RequestForm({ options, onRequested }: { options: SessionOptions; onRequested: (session: PeerSession) => void }) {
  const inAnHour = new Date(Date.now() + 3600000);
  inAnHour.setMinutes(0, 0, 0);
  const [skill, setSkill] = useState(options.skills[0] ?? '');
  const [start, setStart] = useState(localValue(new Date(inAnHour.getTime() + 3600000)));
  const [end, setEnd] = useState(localValue(new Date(inAnHour.getTime() + 4 * 3600000)));
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const from = new Date(start);
    const to = new Date(end);
    const found = problemsOf(options, from, to);
    setProblems(found);
    setError(undefined);
    if (found.length) return;
    setSending(true);
    try {
      onRequested(await send<PeerSession>('POST', '/api/sessions', { skill, windowStart: from.toISOString(), windowEnd: to.toISOString() }));
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };

  if (!options.skills.length) {
    return <p className="notice error">No session can be requested now: the platform has no session prompts. Tell an admin.</p>;
  }
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="request-title" data-testid="session-request">
      <h2 id="request-title">Request a session</h2>
      <p className="muted">
        Say when you are free. We pair you with a learner of your tier and a similar SCI whose time overlaps yours by a
        whole session ({options.sessionMinutes} minutes), and never with someone you met in the last 30 days. We keep
        looking for up to {options.matchDeadlineHours} hours.
      </p>
      <div className="grid2">
        <div>
          <label htmlFor="session-skill">Skill</label>
          <select id="session-skill" value={skill} onChange={(e) => setSkill(e.target.value)} disabled={sending}>
            {options.skills.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
        <div />
        <div>
          <label htmlFor="session-from">Free from <span className="muted">(your local time)</span></label>
          <input id="session-from" type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} disabled={sending} />
        </div>
        <div>
          <label htmlFor="session-to">Free until</label>
          <input id="session-to" type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} disabled={sending} />
        </div>
      </div>
      {problems.length > 0 && (
        <ul className="notice error" role="alert" data-testid="request-problems">
          {problems.map((p) => <li key={p}>{p}</li>)}
        </ul>
      )}
      <ErrorNotice error={error} />
      <div className="row" style={{ marginTop: '0.8rem' }}>
        <button type="submit" disabled={sending}>Find me a partner</button>
        {sending && <Loading what="Sending your request" />}
      </div>
    </form>
  );
}
