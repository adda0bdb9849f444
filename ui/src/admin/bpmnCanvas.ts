// bpmn-js with the Camunda 7 properties panel. Loaded on demand: only admins need it.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import type Selection from 'diagram-js/lib/features/selection/Selection';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import { badge, byElement, unreadable, type ModelCanvas } from './canvas';

const MARKER = 'pg-violation';

export function createBpmnCanvas(container: HTMLElement, properties: HTMLElement): ModelCanvas {
  const modeler = new BpmnModeler({
    container,
    propertiesPanel: { parent: properties },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule,
    ],
    moddleExtensions: { camunda: camundaModdle },
  });
  const canvas = modeler.get<Canvas>('canvas');
  const registry = modeler.get<ElementRegistry>('elementRegistry');
  const overlays = modeler.get<Overlays>('overlays');
  let marked: string[] = [];

  return {
    async open(xml) {
      try {
        await modeler.importXML(xml);
      } catch (error) {
        throw unreadable('BPMN', error);
      }
      marked = [];
      canvas.resized();
      canvas.zoom('fit-viewport');
    },
    async xml() {
      const { xml } = await modeler.saveXML({ format: true });
      return xml ?? '';
    },
    mark(violations) {
      overlays.remove({ type: 'violation' });
      marked.forEach((id) => registry.get(id) && canvas.removeMarker(id, MARKER));
      marked = [];
      for (const [id, messages] of byElement(violations)) {
        const element = registry.get(id);
        // The process itself is the canvas root: it has no shape to mark, so the list alone shows it.
        if (!element || element === canvas.getRootElement()) continue;
        canvas.addMarker(id, MARKER);
        overlays.add(id, 'violation', { position: { top: -10, right: 10 }, html: badge(messages) });
        marked.push(id);
      }
      return new Set(marked);
    },
    reveal(id) {
      const element = registry.get(id);
      if (!element || element === canvas.getRootElement()) return;
      // A whole process fits only when zoomed out; zoom in far enough to read the element.
      if ((canvas.zoom() as number) < 0.8) canvas.zoom(1);
      canvas.scrollToElement(id, 120);
      modeler.get<Selection>('selection').select(element);
    },
    destroy() {
      modeler.destroy();
    },
  };
}
