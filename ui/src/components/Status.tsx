// How pages say "working on it" and "that went wrong": one look everywhere, announced to screen readers.
import type { ReactNode } from 'react';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="muted loading" role="status" aria-busy="true">
      <span className="spinner" aria-hidden="true" /> {what}…
    </p>
  );
}

export function ErrorNotice({ error, children }: { error?: unknown; children?: ReactNode }) {
  if (!error && !children) return null;
  const message = error instanceof Error ? error.message : error ? String(error) : undefined;
  return (
    <div role="alert" className="notice error">
      {message}
      {children}
    </div>
  );
}

/** A bar for work with a known share done; without one it runs as an indeterminate bar. */
export function ProgressBar({ label, value }: { label: string; value?: number }) {
  return (
    <div className="progress">
      <span>{label}</span>
      <progress aria-label={label} max={1} value={value} />
    </div>
  );
}
