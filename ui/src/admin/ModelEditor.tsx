import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { ErrorNotice, Loading } from '../components/Status';
import { Link } from '../router';
import { AdminNav } from './AdminNav';
import type { ModelCanvas } from './canvas';
import { deployModel, describe, kindOf, listModels, modelSource, refusal, validateModel, type ModelKind, type Violation } from './models';

/** A model file open in the editor. */
interface OpenModel {
  resourceName: string;
  kind: ModelKind;
  xml: string;
  /** Where it came from: a deployed version, or a file from the admin's disk. */
  origin: string;
}

/** The latest version of a deployed model, in the editor. */
export function ModelEditorPage({ kind, modelKey }: { kind: string; modelKey: string }) {
  const [model, setModel] = useState<OpenModel>();
  const [error, setError] = useState<Error>();

  useEffect(() => {
    let current = true;
    (async () => {
      const found = (await listModels()).find((m) => m.kind === kind && m.key === modelKey);
      if (!found) throw new Error(`There is no deployed ${kind} with the key '${modelKey}'.`);
      const source = await modelSource(found.versions[0].definitionId);
      if (current) {
        setModel({ resourceName: source.resourceName, kind: source.kind, xml: source.xml, origin: `version ${source.version} (latest)` });
      }
    })().catch((e: Error) => current && setError(e));
    return () => {
      current = false;
    };
  }, [kind, modelKey]);

  return (
    <>
      <AdminNav current="models" />
      <ErrorNotice error={error} />
      {!model && !error && <Loading what="Loading the model" />}
      {model && <ModelEditor initial={model} />}
    </>
  );
}

/** An empty editor: the admin opens a .bpmn or .dmn file from their disk. */
export function NewModelPage() {
  return (
    <>
      <AdminNav current="models" />
      <ModelEditor />
    </>
  );
}

type Notice = { ok: boolean; text: string; deployed?: boolean };

function ModelEditor({ initial }: { initial?: OpenModel }) {
  const [model, setModel] = useState(initial);
  const canvasElement = useRef<HTMLElement>(null);
  const propertiesElement = useRef<HTMLElement>(null);
  const canvas = useRef<ModelCanvas | null>(null);
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<Error>();
  const [busy, setBusy] = useState<'Checking the rules' | 'Deploying'>();
  const [notice, setNotice] = useState<Notice>();
  /** Null until the model was checked; then every violation, placed on its element where it has one. */
  const [violations, setViolations] = useState<Violation[] | null>(null);
  const [placed, setPlaced] = useState<Set<string>>(new Set());

  // One modeling library instance per open file; the libraries are loaded only when an admin opens a model.
  useEffect(() => {
    if (!model || !canvasElement.current) return;
    const container = canvasElement.current;
    let created: ModelCanvas | undefined;
    let cancelled = false;
    setOpening(true);
    setOpenError(undefined);
    (async () => {
      const next =
        model.kind === 'decision'
          ? (await import('./dmnCanvas')).createDmnCanvas(container)
          : (await import('./bpmnCanvas')).createBpmnCanvas(container, propertiesElement.current!);
      if (cancelled) return next.destroy();
      created = next;
      canvas.current = next;
      await next.open(model.xml);
    })()
      .catch((e: Error) => !cancelled && setOpenError(e))
      .finally(() => !cancelled && setOpening(false));
    return () => {
      cancelled = true;
      created?.destroy();
      canvas.current = null;
    };
  }, [model]);

  /** Lists the violations and marks them in the diagram, bringing the first marked element into view. */
  function show(next: Violation[]) {
    const marked = canvas.current?.mark(next) ?? new Set<string>();
    setViolations(next);
    setPlaced(marked);
    const first = next.find((v) => v.elementId && marked.has(v.elementId));
    if (first) canvas.current?.reveal(first.elementId!);
  }

  async function check() {
    if (!model || !canvas.current) return;
    setBusy('Checking the rules');
    setNotice(undefined);
    try {
      const found = await validateModel(model.resourceName, await canvas.current.xml());
      show(found);
      setNotice(found.length === 0 ? { ok: true, text: 'The model keeps every rule.' } : { ok: false, text: `The model breaks ${count(found)}. Nothing was deployed.` });
    } catch (error) {
      setNotice({ ok: false, text: (error as Error).message });
    } finally {
      setBusy(undefined);
    }
  }

  async function deploy() {
    if (!model || !canvas.current) return;
    setBusy('Deploying');
    setNotice(undefined);
    try {
      const deployed = await deployModel(model.resourceName, await canvas.current.xml());
      show([]);
      setNotice({ ok: true, text: `${describe(deployed)} Running instances stay on their versions; new ones start on this one.`, deployed: true });
    } catch (error) {
      const refused = refusal(error);
      if (refused) show(refused);
      setNotice({ ok: false, text: (error as Error).message + (refused ? '. Fix the marked elements and deploy again.' : '') });
    } finally {
      setBusy(undefined);
    }
  }

  async function openFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (!/\.(bpmn|dmn)$/.test(file.name)) {
      setNotice({ ok: false, text: `${file.name} is neither a .bpmn nor a .dmn file.` });
      return;
    }
    setNotice(undefined);
    setViolations(null);
    setPlaced(new Set());
    setModel({ resourceName: file.name, kind: kindOf(file.name), xml: await file.text(), origin: 'opened from your computer' });
  }

  return (
    <>
      <h1>{model ? model.resourceName : 'Open a model file'}</h1>
      <p className="muted">
        {model ? `${model.kind === 'process' ? 'BPMN process' : 'DMN decision'}, ${model.origin}. ` : 'Choose a .bpmn or .dmn file, for example one made in Camunda Modeler. '}
        Deploying checks the same rules as the build and makes a new version.
      </p>
      <div className="row toolbar" role="toolbar" aria-label="Model">
        <button onClick={() => void deploy()} disabled={!model || opening || busy !== undefined || openError !== undefined}>Deploy</button>
        <button className="secondary" onClick={() => void check()} disabled={!model || opening || busy !== undefined || openError !== undefined}>Check rules</button>
        <label className="button secondary">
          Open a file…
          <input className="visually-hidden" type="file" accept=".bpmn,.dmn" onChange={(e) => void openFile(e)} />
        </label>
        <Link href="/admin/models">Back to all models</Link>
      </div>
      {busy && <Loading what={busy} />}
      {notice && (
        <div role={notice.ok ? 'status' : 'alert'} className={`notice ${notice.ok ? 'ok' : 'error'}`} data-testid="editor-notice">
          {notice.text} {notice.deployed && <Link href="/admin/models">See all versions</Link>}
        </div>
      )}
      {violations && violations.length > 0 && (
        <ViolationList violations={violations} placed={placed} onReveal={(id) => canvas.current?.reveal(id)} />
      )}
      {opening && <Loading what="Opening the modeler" />}
      <ErrorNotice error={openError} />
      {model && (
        <div className={`modeler ${model.kind}`}>
          <section className="modeler-canvas" ref={canvasElement} aria-label="Diagram" />
          {model.kind === 'process' && (
            <aside className="modeler-properties" ref={propertiesElement} aria-label="Properties of the selected element" />
          )}
        </div>
      )}
    </>
  );
}

function ViolationList({ violations, placed, onReveal }: { violations: Violation[]; placed: Set<string>; onReveal: (id: string) => void }) {
  return (
    <section className="panel violations" aria-labelledby="violations-title" data-testid="violations">
      <h2 id="violations-title">{count(violations)} to fix</h2>
      <ul>
        {violations.map((v, i) => (
          <li key={i} data-element-id={v.elementId ?? ''}>
            {v.elementId && placed.has(v.elementId) ? (
              <button className="element-link" onClick={() => onReveal(v.elementId!)} title="Show it in the diagram">
                {v.elementId}
              </button>
            ) : (
              <strong>{v.elementId ?? 'The whole file'}</strong>
            )}{' '}
            <span className="badge bad">{v.rule}</span> {v.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

function count(violations: Violation[]): string {
  return violations.length === 1 ? '1 rule' : `${violations.length} rules`;
}
