// What the model editor needs from a modeling library; bpmn-js and dmn-js each implement it.
import type { Violation } from './models';

export interface ModelCanvas {
  /** Shows a model; rejects with a readable error when the library cannot read it. */
  open(xml: string): Promise<void>;
  /** The model as edited now. */
  xml(): Promise<string>;
  /** Marks each violation on its element, replacing earlier marks; returns the ids it could place. */
  mark(violations: Violation[]): Set<string>;
  /** Selects an element and scrolls it into view. */
  reveal(elementId: string): void;
  destroy(): void;
}

/** The messages of the violations, grouped by element id. */
export function byElement(violations: Violation[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const v of violations) {
    if (!v.elementId) continue;
    grouped.set(v.elementId, [...(grouped.get(v.elementId) ?? []), v.message]);
  }
  return grouped;
}

/** The badge shown on an element that breaks rules: a red count, with the messages for pointer and screen reader. */
export function badge(messages: string[]): HTMLElement {
  const element = document.createElement('div');
  element.className = 'pg-violation-badge';
  element.textContent = String(messages.length);
  element.title = messages.join('\n');
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', `${messages.length} rule ${messages.length === 1 ? 'violation' : 'violations'}: ${messages.join('; ')}`);
  return element;
}

/** A library's import error, said plainly. */
export function unreadable(kind: string, error: unknown): Error {
  const detail = error instanceof Error ? error.message : String(error);
  return new Error(`This file is not a ${kind} model the editor can read: ${detail.split('\n')[0]}`);
}
