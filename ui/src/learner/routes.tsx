import type { Route } from '../router';
import { CatalogPage } from './CatalogPage';
import { ProjectPage } from './ProjectPage';
import { RunPage } from './RunPage';
import { SkillsPage } from './SkillsPage';

export const learnerRoutes: Route[] = [
  { path: '/learn', render: () => <CatalogPage /> },
  { path: '/learn/runs/:runId', render: ({ runId }) => <RunPage runId={runId} /> },
  { path: '/learn/projects/:runId', render: ({ runId }) => <ProjectPage runId={runId} /> },
  { path: '/skills', render: () => <SkillsPage /> },
];
