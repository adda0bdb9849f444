import { useState } from 'react';
import { ErrorNotice, Loading } from '../components/Status';
import { useApi } from '../components/useApi';
import { Link } from '../router';
import { AdminNav } from './AdminNav';
import { describe, editorPath, refusal, rollBack, type Model, type ModelVersion } from './models';

export function ModelList() {
  const models = useApi<Model[]>('/api/admin/models');
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState<string>();

  async function rollBackTo(model: Model, version: ModelVersion) {
    if (!window.confirm(`Deploy version ${version.version} of ${model.key} again, as a new version? Running instances stay on their versions.`)) return;
    setBusy(version.definitionId);
    setNotice(undefined);
    try {
      setNotice({ ok: true, text: describe(await rollBack(version.definitionId)) });
      models.reload();
    } catch (error) {
      const violations = refusal(error);
      const why = violations?.map((v) => `${v.elementId ?? 'the file'}: ${v.message}`).join('; ');
      setNotice({ ok: false, text: (error as Error).message + (why ? `: ${why}` : '') });
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <>
      <AdminNav current="models" />
      <h1>Process and decision models</h1>
      <p className="muted">
        Deploying makes a new version. Running instances stay on the version they started on; new ones start on the latest.
        Rolling back deploys an older version again, as a new version.
      </p>
      <div className="row">
        <Link className="button secondary" href="/admin/models/new">Open a model file…</Link>
      </div>
      {models.loading && <Loading what="Loading models" />}
      <ErrorNotice error={models.error} />
      {notice && (
        <div role={notice.ok ? 'status' : 'alert'} className={`notice ${notice.ok ? 'ok' : 'error'}`}>{notice.text}</div>
      )}
      {models.data && (
        <table className="models">
          <caption className="visually-hidden">Deployed models, latest version first</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Kind</th>
              <th scope="col">Latest version</th>
              <th scope="col">Running instances</th>
              <th scope="col">Versions</th>
            </tr>
          </thead>
          <tbody>
            {models.data.map((model) => (
              <ModelRow key={`${model.kind}/${model.key}`} model={model} busy={busy} onRollBack={rollBackTo} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function ModelRow({ model, busy, onRollBack }: { model: Model; busy?: string; onRollBack: (m: Model, v: ModelVersion) => void }) {
  const latest = model.versions[0];
  const running = model.kind === 'process' ? model.versions.reduce((sum, v) => sum + (v.runningInstances ?? 0), 0) : null;
  return (
    <tr data-model={model.key}>
      <th scope="row">
        <Link href={editorPath(model)} aria-label={`Edit ${model.name ?? model.key}`}>{model.name ?? model.key}</Link>
        <div className="muted small"><code>{model.key}</code> · {model.resourceName}</div>
      </th>
      <td><span className="badge">{model.kind}</span></td>
      <td>
        <span className="latest-version">{latest.version}</span>
        <div className="muted small">{formatTime(latest.deployedAt)} · {latest.deployedAs}</div>
      </td>
      <td className="running">{running ?? '—'}</td>
      <td>
        <details>
          <summary>{model.versions.length === 1 ? '1 version' : `${model.versions.length} versions`}</summary>
          <table className="versions">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Deployed</th>
                <th scope="col">Running</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {model.versions.map((v, i) => (
                <tr key={v.definitionId} data-version={v.version}>
                  <td>{v.version}{i === 0 && <span className="badge ok">latest</span>}</td>
                  <td>{formatTime(v.deployedAt)}<div className="muted small">{v.deployedAs}</div></td>
                  <td>{v.runningInstances ?? '—'}</td>
                  <td>
                    {i > 0 && (
                      <button className="secondary" disabled={busy !== undefined} onClick={() => onRollBack(model, v)}>
                        {busy === v.definitionId ? 'Rolling back…' : `Roll back to ${v.version}`}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </td>
    </tr>
  );
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
