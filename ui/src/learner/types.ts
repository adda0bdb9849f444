// The shapes of the run, catalog and standings APIs, as the learner pages read them.
import type { CheckVerdict, LoadReport } from '../reports';

export type { CheckVerdict, FileChange, LoadReport, LoadSample, TelemetrySample } from '../reports';

export interface ScenarioSummary {
  id: string;
  title: string;
  summary: string;
  track: number;
  level: string;
  concepts: string[];
  version: string;
  /** Why it cannot run on this platform's hosts, with what to install; null when it can. */
  unavailable: string | null;
  /** A package for the platform's own tests: only testers and admins start it, and it counts towards no SCI. */
  forTests: boolean;
}

export interface ScenarioDetails {
  scenario: ScenarioSummary;
  guide: string;
  checks: { id: string; title: string }[];
  loadProfiles: string[];
  reflection: string[];
}

export type RunState = 'PROVISIONING' | 'WORKING' | 'PARKED' | 'REFLECTING' | 'IN_REVIEW' | 'COMPLETED' | 'CANCELLED';






export interface CheckReport {
  verdicts: CheckVerdict[];
  loadReports: Record<string, LoadReport>;
  /** How long its load runs waited for their turn on the host (absent in reports from before queues). */
  queuedMillis?: number;
}

export interface LastAction {
  action: string;
  at: string;
  ok: boolean;
  message?: string;
  log?: string;
  profile?: string;
  report?: LoadReport;
}

export interface Run {
  id: string;
  learnerId: string;
  scenarioId: string;
  skill: string;
  state: RunState;
  busyWith: string | null;
  stackId: string | null;
  attempts: number;
  checksPassed: boolean;
  gaveUp: boolean;
  checkScore: number | null;
  baselineReport: LoadReport | null;
  lastCheckReport: CheckReport | null;
  lastAction: LastAction | null;
  reflection: string[] | null;
  startedAt: string;
  updatedAt: string;
  endedAt: string | null;
}

export interface StackView {
  state: string;
  entrypoint: string | null;
  replicas: string[];
  database: string | null;
  failure: string | null;
  limitsHit: LimitHit[];
}

/** The step of a run that failed, and whether it is retried by itself. */
export interface ProblemView {
  stuck: boolean;
  step: string | null;
  message: string | null;
  retrying: boolean;
  nextTryAt: string | null;
}

/** Where the run's waiting load run or checks stand in their host's line. */
export interface QueueView {
  waiting: boolean;
  ahead: number;
  startsInSeconds: number;
}

/** A ceiling that one of the stack's services ran into. */
export interface LimitHit {
  service: string;
  limit: 'memory' | 'processes' | 'disk';
  message: string;
  at: string;
}

export interface Attempt {
  attempt: number;
  passed: boolean;
  score: number;
  report: CheckReport;
  checkedAt: string;
}


export interface WorkspaceFile {
  path: string;
  size: number;
  editable: boolean;
}

export const FINISHED: RunState[] = ['COMPLETED', 'CANCELLED'];

/** A milestone project's catalog entry (ProjectCatalogController). */
export interface MilestoneGuide {
  id: string;
  title: string;
  why: string;
  steps: string[];
  checks: { id: string; title: string; kind: string }[];
}

export interface ProjectSummary {
  id: string;
  title: string;
  summary: string;
  skill: string;
  milestones: MilestoneGuide[];
}

/** The outcome of one document check; `hint` comes with a failed one. */
export interface DocumentVerdict {
  checkId: string;
  title: string;
  kind: string;
  passed: boolean;
  message: string;
  hint: string | null;
}

export interface MilestoneProgress {
  milestoneId: string;
  position: number;
  passed: boolean;
  gaveUp: boolean;
  attempts: number;
  lastVerdicts: DocumentVerdict[] | null;
  solutionRevealed: boolean;
  openedAt: string;
  finishedAt: string | null;
}

export type ProjectRunState = 'WORKING' | 'IN_REVIEW' | 'COMPLETED' | 'CANCELLED';

export interface ProjectRun {
  id: string;
  learnerId: string;
  projectId: string;
  skill: string;
  state: ProjectRunState;
  /** The milestone at hand; null once every milestone is done. */
  milestoneId: string | null;
  busyWith: string | null;
  milestones: MilestoneProgress[];
  startedAt: string;
  endedAt: string | null;
}

/** What GET /api/project-runs/{id} answers: the run with its project's title and milestones. */
export interface ProjectRunView {
  run: ProjectRun;
  title: string;
  milestones: MilestoneGuide[];
}
