// dmn-js: the decision requirements diagram and the decision tables. Loaded on demand: only admins need it.
import DmnModeler from 'dmn-js/lib/Modeler';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression-controls.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import { badge, byElement, unreadable, type ModelCanvas } from './canvas';

const MARKER = 'pg-violation';

export function createDmnCanvas(container: HTMLElement): ModelCanvas {
  const modeler = new DmnModeler({ container });
  let violations: Parameters<ModelCanvas['mark']>[0] = [];

  /** Marks are drawn in the diagram view only: decision tables have no overlays, so the list shows those. */
  function markDiagram(): Set<string> {
    const placed = new Set<string>();
    const viewer = modeler.getActiveViewer();
    if (modeler.getActiveView()?.type !== 'drd' || !viewer) return placed;
    const registry = viewer.get<ElementRegistry>('elementRegistry');
    const overlays = viewer.get<Overlays>('overlays');
    const canvas = viewer.get<Canvas>('canvas');
    overlays.remove({ type: 'violation' });
    registry.getAll().forEach((element) => canvas.removeMarker(element.id, MARKER));
    for (const [id, messages] of byElement(violations)) {
      if (!registry.get(id) || registry.get(id) === canvas.getRootElement()) continue;
      canvas.addMarker(id, MARKER);
      overlays.add(id, 'violation', { position: { top: -10, right: 10 }, html: badge(messages) });
      placed.add(id);
    }
    return placed;
  }

  modeler.on('views.changed', () => markDiagram());

  return {
    async open(xml) {
      try {
        await modeler.importXML(xml);
      } catch (error) {
        throw unreadable('DMN', error);
      }
      // Admins come here to tune the rules, so the first decision table opens rather than the diagram.
      const table = modeler.getViews().find((view) => view.type === 'decisionTable');
      if (table) await modeler.open(table);
    },
    async xml() {
      return (await modeler.saveXML({ format: true })).xml;
    },
    mark(next) {
      violations = next;
      return markDiagram();
    },
    reveal(id) {
      const view = modeler.getViews().find((v) => v.element.id === id);
      if (view) void modeler.open(view);
    },
    destroy() {
      modeler.destroy();
    },
  };
}
