import { STATE_LABELS, type SessionState } from './types';

export function StateBadge({ state }: { state: SessionState }) {
  const { label, tone } = STATE_LABELS[state];
  return <span className={tone ? `badge ${tone}` : 'badge'} data-state={state}>{label}</span>;
}

export function formatTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}
