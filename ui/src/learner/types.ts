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
