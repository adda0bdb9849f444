import type { CheckVerdict, FileChange } from '../reports';

export type { CheckVerdict, FileChange, Measurement } from '../reports';
// What the review and evidence APIs answer (ReviewController, EvidenceController on the server).

export interface ReviewTask {
  taskId: string;
  processInstanceId: string;
  learnerId: string;
  skill: string;
  /** The scenario or project reviewed, and its title. */
  activityId: string;
  activityTitle: string;
  /** Null while nobody claimed it. */
  assignee: string | null;
  created: string;
}

export interface Level {
  points: number;
  title: string;
  descriptor: string;
}

export interface Criterion {
  id: string;
  title: string;
  weight: number;
  levels: Level[];
}

export interface Rubric {
  id: string;
  title: string;
  passThreshold: number;
  criteria: Criterion[];
}

/** One item of evidence; `payload` is JSON text whose shape depends on `kind`. */
export interface Evidence {
  id: string;
  learnerId: string;
  skill: string;
  activityId: string;
  processInstanceId: string;
  kind: string;
  payload: string;
  recordedAt: string;
}

export interface SimilarSubmission {
  processInstanceId: string;
  learnerId: string;
  activityId: string;
  score: number;
  matchedKinds: string[];
}

export interface Submission {
  task: ReviewTask;
  rubric: Rubric;
  /** The scenario's or project's REVIEW.md, Markdown; empty when it has none. */
  reviewGuide: string;
  evidence: Evidence[];
  similar: SimilarSubmission[];
}

export interface Review {
  processInstanceId: string;
  reviewerId: string;
  points: Record<string, number>;
  /** Weighted, from 0 to 1. */
  score: number;
  passed: boolean;
  comment: string;
}

/** The evidence kinds a scenario run records, and their payloads. */

export interface DiffPayload {
  files: FileChange[];
}

/** The evidence kinds a milestone project records besides its diff. */
export interface DocumentsPayload {
  project: string;
  files: Record<string, string>;
}

export interface MilestoneResult {
  milestoneId: string;
  position: number;
  passed: boolean;
  gaveUp: boolean;
  attempts: number;
}

export interface MilestoneResultsPayload {
  project: string;
  /** The share of milestones passed on the learner's own work. */
  score: number;
  milestones: MilestoneResult[];
}



export interface CheckResultsPayload {
  passed: boolean;
  attempts: number;
  gaveUp: boolean;
  verdicts: CheckVerdict[];
}

export interface ReflectionAnswer {
  question: string;
  answer: string;
}

/** A scenario or a project, as the review pages name it. */
export interface ActivitySummary {
  id: string;
  title: string;
}

/** Calibration (CalibrationController): where the evaluator stands with each rubric that has gold submissions. */
export interface CalibrationStatus {
  rubricId: string;
  /** Calibration applies: the rubric has enough gold submissions. */
  required: boolean;
  done: number;
  needed: number;
  calibrated: boolean;
  dueAgainAt: string | null;
}

export interface CalibrationOverview {
  rubrics: CalibrationStatus[];
  /** The evaluator's weight in Proof: the mean accuracy of their latest calibrations (1 before any). */
  weight: number;
}

export interface CalibrationTask {
  processInstanceId: string;
  activityId: string;
  skill: string;
  rubric: Rubric;
  evidence: Evidence[];
}

export interface CalibrationResult {
  processInstanceId: string;
  points: Record<string, number>;
  score: number;
  referencePoints: Record<string, number>;
  referenceScore: number;
  accuracy: number;
}
