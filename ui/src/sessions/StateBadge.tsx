import { STATE_LABELS, type SessionState } from './types';

/** The session's state as this participant reads it: a proposal waits for the partner's answer, that is, for theirs. */
export function StateBadge({ state, role }: { state: SessionState; role?: 'requester' | 'partner' }) {
  const { label: general, tone } = STATE_LABELS[state];
  const label = state === 'PROPOSED' && role === 'partner' ? 'Waiting for your answer' : general;
  return <span className={tone ? `badge ${tone}` : 'badge'} data-state={state}>{label}</span>;
}

export function formatTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}
