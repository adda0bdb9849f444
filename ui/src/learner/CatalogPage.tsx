import { useState } from 'react';
import { send } from '../api';
import { ErrorNotice, Loading } from '../components/Status';
import { useApi } from '../components/useApi';
import { Link, navigate } from '../router';
import { ProjectCatalog } from './ProjectCatalog';
import { FINISHED, type Run, type ScenarioSummary } from './types';

const TRACKS: Record<number, { name: string; audience: string }> = {
  1: { name: 'Track 1 — Entry to Mid', audience: "You've built CRUD apps; now see what happens when 100 people use one at once." },
  2: { name: 'Track 2 — Mid to Senior', audience: 'Distributed systems, failure modes and tradeoffs under ambiguity.' },
};

const LEVELS = ['crawling', 'walking', 'sprinting'];

type Status = { label: 'Not started' | 'In progress' | 'Passed'; run?: Run };

/** A scenario's status for this learner: passed once any run passed its checks and was submitted. */
function statusOf(scenarioId: string, runs: Run[]): Status {
  const mine = runs.filter((r) => r.scenarioId === scenarioId && r.state !== 'CANCELLED');
  const passed = mine.find((r) => r.checksPassed && (r.state === 'IN_REVIEW' || r.state === 'COMPLETED'));
  if (passed) return { label: 'Passed', run: passed };
  const open = mine.find((r) => !FINISHED.includes(r.state));
  return open ? { label: 'In progress', run: open } : { label: 'Not started' };
}

export function CatalogPage() {
  const scenarios = useApi<ScenarioSummary[]>('/api/scenarios');
  const runs = useApi<Run[]>('/api/runs');
  const [starting, setStarting] = useState<string>();
  const [error, setError] = useState<Error>();

  const start = async (scenarioId: string) => {
    setStarting(scenarioId);
    setError(undefined);
    try {
      const run = await send<Run>('POST', '/api/runs', { scenarioId });
      navigate(`/learn/runs/${run.id}`);
    } catch (e) {
      setError(e as Error);
      setStarting(undefined);
    }
  };

  if (scenarios.error || runs.error) return <ErrorNotice error={scenarios.error ?? runs.error} />;
  if (!scenarios.data || !runs.data) return <Loading what="Loading the scenarios" />;

  const tracks = [...new Set(scenarios.data.map((s) => s.track))].sort();
  return (
    <>
      <h1>Learn</h1>
      <p className="muted">Real code, real problems, real feedback. Each scenario gives you a broken system under real load: find out why, fix it, prove it.</p>
      <ErrorNotice error={error} />
      {tracks.map((track) => (
        <section key={track} aria-labelledby={`track-${track}`}>
          <h2 id={`track-${track}`}>{TRACKS[track]?.name ?? `Track ${track}`}</h2>
          <p className="muted">{TRACKS[track]?.audience}</p>
          <div className="cards">
            {scenarios.data!
              .filter((s) => s.track === track)
              .sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || a.title.localeCompare(b.title))
              .map((scenario) => {
                const status = statusOf(scenario.id, runs.data!);
                return (
                  <article key={scenario.id} className="card" data-scenario={scenario.id}>
                    <div className="row">
                      <span className="badge">{scenario.level}</span>
                      {scenario.forTests && (
                        <span className="badge warn" data-testid="for-tests" title="Only testers and admins may start this package">
                          Test package · counts for no SCI
                        </span>
                      )}
                      <span className={`badge ${status.label === 'Passed' ? 'ok' : status.label === 'In progress' ? 'warn' : ''}`}>
                        {status.label}
                      </span>
                    </div>
                    <strong>{scenario.title}</strong>
                    <span>{scenario.summary}</span>
                    <span className="concepts">{scenario.concepts.join(' · ')}</span>
                    {scenario.unavailable && (
                      <span className="notice error" role="note" data-testid="unavailable">Unavailable here: {scenario.unavailable}</span>
                    )}
                    <div className="row">
                      {status.label === 'In progress' && status.run ? (
                        <Link className="button" href={`/learn/runs/${status.run.id}`}>Continue</Link>
                      ) : (
                        <button onClick={() => void start(scenario.id)} disabled={starting !== undefined || scenario.unavailable !== null}
                          aria-label={`Start ${scenario.title}`}>
                          {starting === scenario.id ? 'Starting…' : status.label === 'Passed' ? 'Start again' : 'Start'}
                        </button>
                      )}
                    </div>
                  </article>
                );
              })}
          </div>
        </section>
      ))}
      <ProjectCatalog />
    </>
  );
}
