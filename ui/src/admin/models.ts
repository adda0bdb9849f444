// The admin model API: process and decision models, their versions, validation, deploy and rollback.
import { api, ApiError, send } from '../api';

export type ModelKind = 'process' | 'decision';

export interface ModelVersion {
  definitionId: string;
  version: number;
  deployedAt: string;
  /** Shipped with the platform, deployed by an admin, or rolled back by one. */
  deployedAs: string;
  /** Process instances on this version now; null for decisions. */
  runningInstances: number | null;
}

export interface Model {
  kind: ModelKind;
  key: string;
  name: string | null;
  resourceName: string;
  /** Newest first. */
  versions: ModelVersion[];
}

export interface ModelSource {
  definitionId: string;
  kind: ModelKind;
  key: string;
  version: number;
  resourceName: string;
  xml: string;
}

export interface Violation {
  resource: string;
  /** The element that breaks the rule; null when the rule is about the whole file. */
  elementId: string | null;
  rule: string;
  message: string;
}

export interface Deployed {
  definitionId: string;
  kind: ModelKind;
  key: string;
  version: number;
}

export const listModels = () => api<Model[]>('/api/admin/models');

export const modelSource = (definitionId: string) =>
  api<ModelSource>(`/api/admin/models/versions/${encodeURIComponent(definitionId)}`);

export const validateModel = (resourceName: string, xml: string) =>
  send<{ violations: Violation[] }>('POST', '/api/admin/models/validate', { resourceName, xml }).then((r) => r.violations);

export const deployModel = (resourceName: string, xml: string) =>
  send<Deployed[]>('POST', '/api/admin/models/deploy', { resourceName, xml });

export const rollBack = (definitionId: string) =>
  send<Deployed[]>('POST', `/api/admin/models/versions/${encodeURIComponent(definitionId)}/rollback`);

/** The violations of a refused deploy or rollback, or null when the error was something else. */
export function refusal(error: unknown): Violation[] | null {
  if (error instanceof ApiError && error.status === 422) {
    const body = error.body as { violations?: Violation[] } | undefined;
    return body?.violations ?? [];
  }
  return null;
}

export function kindOf(resourceName: string): ModelKind {
  return resourceName.endsWith('.dmn') ? 'decision' : 'process';
}

export function editorPath(model: Pick<Model, 'kind' | 'key'>): string {
  return `/admin/models/${model.kind}/${encodeURIComponent(model.key)}`;
}

export function describe(deployed: Deployed[]): string {
  if (deployed.length === 0) return 'Deployed; the file holds no executable process or decision.';
  return 'Deployed ' + deployed.map((d) => `${d.key} as version ${d.version}`).join(', ') + '.';
}
