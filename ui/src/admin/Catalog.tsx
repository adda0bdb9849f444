import { useState } from 'react';
import { send } from '../api';
import { ErrorNotice, Loading } from '../components/Status';
import { useApi } from '../components/useApi';
import { AdminNav } from './AdminNav';

interface ScenarioSummary {
  id: string;
  title: string;
  track: number;
  level: string;
  version: string;
}

interface PackageFailure {
  packageName: string;
  problems: { file: string; field: string; message: string }[];
}

interface Rubric {
  id: string;
  title: string;
  passThreshold: number;
  criteria: { id: string; title: string; weight: number; levels: { points: number; title: string }[] }[];
}

interface Rubrics {
  rubrics: Rubric[];
  failures: { file: string; problems: string[] }[];
}

export function Catalog() {
  const scenarios = useApi<ScenarioSummary[]>('/api/scenarios');
  const failures = useApi<PackageFailure[]>('/api/admin/scenarios/failures');
  const rubrics = useApi<Rubrics>('/api/admin/rubrics');
  const [reloading, setReloading] = useState(false);
  const [reloadError, setReloadError] = useState<Error>();

  async function reload() {
    setReloading(true);
    setReloadError(undefined);
    try {
      await send('POST', '/api/admin/scenarios/reload');
      scenarios.reload();
      failures.reload();
    } catch (error) {
      setReloadError(error as Error);
    } finally {
      setReloading(false);
    }
  }

  return (
    <>
      <AdminNav current="catalog" />
      <h1>Scenario and rubric catalog</h1>
      <section className="panel" aria-labelledby="scenarios-title">
        <div className="row spread">
          <h2 id="scenarios-title">Scenarios</h2>
          <button className="secondary" onClick={() => void reload()} disabled={reloading}>
            {reloading ? 'Reloading…' : 'Reload packages from disk'}
          </button>
        </div>
        {reloading && <Loading what="Reading and checking every package" />}
        <ErrorNotice error={reloadError ?? scenarios.error} />
        {scenarios.loading && !scenarios.data && <Loading what="Loading scenarios" />}
        {scenarios.data && (
          <table>
            <thead>
              <tr><th scope="col">Scenario</th><th scope="col">Track</th><th scope="col">Level</th><th scope="col">Version</th></tr>
            </thead>
            <tbody>
              {scenarios.data.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.title}<div className="muted small"><code>{s.id}</code></div></th>
                  <td>{s.track}</td>
                  <td>{s.level}</td>
                  <td><code title={s.version}>{s.version.slice(0, 12)}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="failures-title" data-testid="package-failures">
        <h2 id="failures-title">Packages that failed to load</h2>
        <ErrorNotice error={failures.error} />
        {failures.loading && !failures.data && <Loading what="Loading failures" />}
        {failures.data?.length === 0 && <p className="notice ok">Every package loaded.</p>}
        {failures.data?.map((f) => (
          <article key={f.packageName} className="failure">
            <h3><span className="badge bad">failed</span> {f.packageName}</h3>
            <ul>
              {f.problems.map((p, i) => (
                <li key={i}><code>{p.file}{p.field ? `: ${p.field}` : ''}</code> {p.message}</li>
              ))}
            </ul>
          </article>
        ))}
      </section>

      <section className="panel" aria-labelledby="rubrics-title">
        <h2 id="rubrics-title">Rubrics</h2>
        <ErrorNotice error={rubrics.error} />
        {rubrics.loading && !rubrics.data && <Loading what="Loading rubrics" />}
        {rubrics.data?.rubrics.map((r) => (
          <article key={r.id} className="rubric">
            <h3>{r.title} <code className="muted small">{r.id}</code></h3>
            <p className="muted">Passes at {Math.round(r.passThreshold * 100)}% of the highest weighted score.</p>
            <table>
              <thead><tr><th scope="col">Criterion</th><th scope="col">Weight</th><th scope="col">Levels</th></tr></thead>
              <tbody>
                {r.criteria.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.title}</th>
                    <td>{Math.round(c.weight * 100)}%</td>
                    <td>{c.levels.map((l) => `${l.points} ${l.title}`).join(' · ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
        ))}
        {rubrics.data && rubrics.data.failures.length > 0 && (
          <>
            <h3>Rubric files that failed to load</h3>
            {rubrics.data.failures.map((f) => (
              <article key={f.file} className="failure">
                <h4><span className="badge bad">failed</span> {f.file}</h4>
                <ul>{f.problems.map((p, i) => <li key={i}>{p}</li>)}</ul>
              </article>
            ))}
          </>
        )}
      </section>
    </>
  );
}
