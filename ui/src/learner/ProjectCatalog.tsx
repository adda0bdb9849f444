// The milestone projects on the learning page: start one, or continue the one under way.
import { useState } from 'react';
import { send } from '../api';
import { ErrorNotice } from '../components/Status';
import { useApi } from '../components/useApi';
import { Link, navigate } from '../router';
import type { ProjectRunView, ProjectSummary } from './types';

type Status = { label: 'Not started' | 'In progress' | 'Submitted'; run?: ProjectRunView };

/** A project's status for this learner: the newest of their runs that was not cancelled. */
function statusOf(projectId: string, runs: ProjectRunView[]): Status {
  const mine = runs.filter((r) => r.run.projectId === projectId && r.run.state !== 'CANCELLED');
  const open = mine.find((r) => r.run.state === 'WORKING');
  if (open) return { label: 'In progress', run: open };
  return mine.length > 0 ? { label: 'Submitted', run: mine[0] } : { label: 'Not started' };
}

export function ProjectCatalog() {
  const projects = useApi<ProjectSummary[]>('/api/projects');
  const runs = useApi<ProjectRunView[]>('/api/project-runs');
  const [starting, setStarting] = useState<string>();
  const [error, setError] = useState<Error>();

  const start = async (projectId: string) => {
    setStarting(projectId);
    setError(undefined);
    try {
      const view = await send<ProjectRunView>('POST', '/api/project-runs', { projectId });
      navigate(`/learn/projects/${view.run.id}`);
    } catch (e) {
      setError(e as Error);
      setStarting(undefined);
    }
  };

  if (projects.error || runs.error) return <ErrorNotice error={projects.error ?? runs.error} />;
  if (!projects.data || !runs.data || projects.data.length === 0) return null;
  return (
    <section aria-labelledby="projects-title">
      <h2 id="projects-title">Design projects</h2>
      <p className="muted">Design a system in milestones, with checks on your documents at every step, then a peer review of the whole design.</p>
      <ErrorNotice error={error} />
      <div className="cards">
        {projects.data.map((project) => {
          const status = statusOf(project.id, runs.data!);
          return (
            <article key={project.id} className="card" data-project={project.id}>
              <div className="row">
                <span className="badge">{project.milestones.length} milestones</span>
                <span className={`badge ${status.label === 'Submitted' ? 'ok' : status.label === 'In progress' ? 'warn' : ''}`}>
                  {status.label}
                </span>
              </div>
              <strong>{project.title}</strong>
              <span>{project.summary}</span>
              <span className="concepts">{project.milestones.map((m) => m.title).join(' · ')}</span>
              <div className="row">
                {status.run && status.label === 'In progress' ? (
                  <Link className="button" href={`/learn/projects/${status.run.run.id}`}>Continue</Link>
                ) : (
                  <>
                    <button onClick={() => void start(project.id)} disabled={starting !== undefined}
                      aria-label={`Start ${project.title}`}>
                      {starting === project.id ? 'Starting…' : status.run ? 'Start again' : 'Start'}
                    </button>
                    {status.run && <Link href={`/learn/projects/${status.run.run.id}`}>Open the last one</Link>}
                  </>
                )}
              </div>
            </article>
          );
        })}
      </div>
    </section>
  );
}
