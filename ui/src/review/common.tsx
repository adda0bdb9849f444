// Small pieces the review pages share.
import { useEffect, useRef, type ReactNode } from 'react';
import { useApi } from '../components/useApi';
import type { ActivitySummary } from './types';

/**
 * A scenario's or project's title by id; the id itself until the catalogs have loaded, or for one no longer in them.
 */
export function useActivityTitles(): (activityId: string) => string {
  const scenarios = useApi<ActivitySummary[]>('/api/scenarios');
  const projects = useApi<ActivitySummary[]>('/api/projects');
  return (activityId) =>
    [...(scenarios.data ?? []), ...(projects.data ?? [])].find((a) => a.id === activityId)?.title ?? activityId;
}

/** The page's heading, focused when the page opens, so that keyboard and screen-reader users start there. */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Proving Ground`;
    heading.current?.focus();
  }, [title]);
  return <h1 tabIndex={-1} ref={heading}>{children}</h1>;
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
