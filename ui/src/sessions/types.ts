// What the peer-session API answers (PeerSessionController and the sessions module on the server).

export type SessionState =
  | 'MATCHING' | 'PROPOSED' | 'HELD' | 'SCHEDULED' | 'EVALUATING' | 'ENDORSING'
  | 'COMPLETED' | 'NO_SHOW' | 'NO_MATCH' | 'JOINED' | 'CANCELLED';

export interface Prompt {
  id: string;
  skill: string;
  title: string;
  level: 'CORE' | 'ADVANCED';
  minTier: number;
  brief: string;
  focus: string[];
}

export interface PeerEvaluation {
  evaluatorId: string;
  evaluatedId: string;
  attended: boolean;
  points: Record<string, number>;
  /** Weighted, from 0 to 1; null when the partner did not attend. */
  score: number | null;
  passed: boolean | null;
  comment: string;
  submittedAt: string;
  endorse: boolean | null;
  endorsementComment: string | null;
}

export interface PeerSession {
  id: string;
  role: 'requester' | 'partner';
  requesterId: string;
  /** The partner, or the proposed one; null while matching. */
  partnerId: string | null;
  skill: string;
  state: SessionState;
  windowStart: string;
  windowEnd: string;
  matchDeadline: string;
  prompt: Prompt | null;
  slotStart: string | null;
  slotEnd: string | null;
  acceptBy: string | null;
  absent: string[];
  waitingFor: 'answer' | 'evaluate' | 'endorse' | null;
  myEvaluation: PeerEvaluation | null;
  /** Shown once the session is settled, so that neither evaluation can follow the other. */
  evaluationOfMe: PeerEvaluation | null;
  createdAt: string;
  endedAt: string | null;
}

export interface SessionOptions {
  skills: string[];
  sessionMinutes: number;
  minNoticeMinutes: number;
  maxAheadDays: number;
  matchDeadlineHours: number;
}

export const STATE_LABELS: Record<SessionState, { label: string; tone: '' | 'ok' | 'bad' | 'warn' }> = {
  MATCHING: { label: 'Looking for a partner', tone: '' },
  PROPOSED: { label: 'Waiting for the partner to answer', tone: 'warn' },
  HELD: { label: 'A session was proposed to you', tone: 'warn' },
  SCHEDULED: { label: 'Scheduled', tone: 'ok' },
  EVALUATING: { label: 'Evaluate your partner', tone: 'warn' },
  ENDORSING: { label: 'Held: endorsements open', tone: 'ok' },
  COMPLETED: { label: 'Completed', tone: 'ok' },
  NO_SHOW: { label: 'No-show', tone: 'bad' },
  NO_MATCH: { label: 'No partner found', tone: 'bad' },
  JOINED: { label: 'Joined another session', tone: '' },
  CANCELLED: { label: 'Cancelled', tone: 'bad' },
};

/** A participant may still call it off: the slot has not begun. */
export function cancellable(session: PeerSession): boolean {
  if (session.state === 'MATCHING' || session.state === 'SCHEDULED') return true;
  return session.state === 'PROPOSED' && session.role === 'requester';
}

/** States in which something happens without the user: the page looks again now and then. */
export const MOVING: SessionState[] = ['MATCHING', 'PROPOSED', 'HELD', 'SCHEDULED', 'EVALUATING', 'ENDORSING'];
