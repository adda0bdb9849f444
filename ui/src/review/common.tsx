// Small pieces the review pages share.
import { useEffect, useRef, type ReactNode } from 'react';
import { useApi } from '../components/useApi';
import type { ScenarioSummary } from './types';

/** A scenario's title by id; the id itself until the catalog has loaded, or for a scenario no longer in it. */
export function useScenarioTitles(): (scenarioId: string) => string {
  const { data } = useApi<ScenarioSummary[]>('/api/scenarios');
  return (scenarioId) => data?.find((s) => s.id === scenarioId)?.title ?? scenarioId;
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
