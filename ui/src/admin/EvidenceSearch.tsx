import DOMPurify from 'dompurify';
import { useState, type FormEvent } from 'react';
import { api, send } from '../api';
import { ErrorNotice, Loading } from '../components/Status';
import { useApi } from '../components/useApi';
import { AdminNav } from './AdminNav';
import { formatTime } from './ModelList';

interface EvidenceHit {
  id: string;
  learnerId: string;
  skill: string;
  scenarioId: string;
  processInstanceId: string;
  kind: string;
  recordedAt: string;
  score: number | null;
  /** HTML-escaped by the server, with the matched words in <em>. */
  snippet: string;
}

interface EvidencePage {
  total: number;
  hits: EvidenceHit[];
}

interface Criteria {
  q: string;
  learner: string;
  scenario: string;
  kind: string;
  from: string;
  to: string;
}

/** What a rebuild of the search index did: the indexer indexes the queued items after the answer. */
interface Rebuilt {
  queued: number;
  tookMillis: number;
}

const PAGE_SIZE = 20;
const KNOWN_KINDS = ['diff', 'check-results', 'reflection'];
const EMPTY: Criteria = { q: '', learner: '', scenario: '', kind: '', from: '', to: '' };

export function EvidenceSearch() {
  const scenarios = useApi<{ id: string; title: string }[]>('/api/scenarios');
  const [criteria, setCriteria] = useState<Criteria>(EMPTY);
  /** The last answer, with the criteria it answered, so that paging keeps them while the form changes. */
  const [result, setResult] = useState<{ page: number; criteria: Criteria; data: EvidencePage }>();
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<Error>();

  async function search(page: number, asked: Criteria) {
    setSearching(true);
    setError(undefined);
    const params = new URLSearchParams({ page: String(page), size: String(PAGE_SIZE) });
    Object.entries(asked).forEach(([name, value]) => value.trim() && params.set(name, value.trim()));
    try {
      setResult({ page, criteria: asked, data: await api<EvidencePage>(`/api/evidence?${params}`) });
    } catch (e) {
      setError(e as Error);
    } finally {
      setSearching(false);
    }
  }

  const field = (name: keyof Criteria) => ({
    id: `evidence-${name}`,
    name,
    value: criteria[name],
    onChange: (e: { target: { value: string } }) => setCriteria({ ...criteria, [name]: e.target.value }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void search(0, criteria);
  };

  // Search pages no deeper than its first 10,000 hits; narrow the criteria to see past them.
  const pages = result ? Math.min(Math.max(1, Math.ceil(result.data.total / PAGE_SIZE)), 10_000 / PAGE_SIZE) : 0;

  return (
    <>
      <AdminNav current="evidence" />
      <h1>Evidence search</h1>
      <form className="panel evidence-form" onSubmit={submit} role="search" aria-label="Evidence">
        <div className="field wide">
          <label htmlFor="evidence-q">Text</label>
          <input {...field('q')} type="search" placeholder='Words, "a phrase", -excluded' maxLength={500} />
        </div>
        <div className="field">
          <label htmlFor="evidence-learner">Learner</label>
          <input {...field('learner')} placeholder="Learner id" />
        </div>
        <div className="field">
          <label htmlFor="evidence-scenario">Scenario</label>
          <select {...field('scenario')}>
            <option value="">Any scenario</option>
            {scenarios.data?.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="evidence-kind">Kind</label>
          <input {...field('kind')} list="evidence-kinds" placeholder="Any kind" />
          <datalist id="evidence-kinds">{KNOWN_KINDS.map((k) => <option key={k} value={k} />)}</datalist>
        </div>
        <div className="field">
          <label htmlFor="evidence-from">Recorded from</label>
          <input {...field('from')} type="date" />
        </div>
        <div className="field">
          <label htmlFor="evidence-to">Recorded to</label>
          <input {...field('to')} type="date" />
        </div>
        <div className="row actions">
          <button type="submit" disabled={searching}>Search</button>
          <button type="button" className="secondary" onClick={() => { setCriteria(EMPTY); setResult(undefined); }}>Clear</button>
        </div>
      </form>
      {searching && <Loading what="Searching" />}
      <ErrorNotice error={error} />
      {result && (
        <section aria-labelledby="hits-title" data-testid="evidence-results">
          <h2 id="hits-title" aria-live="polite">
            {result.data.total === 0
              ? 'Nothing matches'
              : `${result.page * PAGE_SIZE + 1}–${result.page * PAGE_SIZE + result.data.hits.length} of ${result.data.total}`}
          </h2>
          <ol className="hits" start={result.page * PAGE_SIZE + 1}>
            {result.data.hits.map((hit) => (
              <li key={hit.id} className="panel hit">
                <div className="row">
                  <span className="badge">{hit.kind}</span>
                  <strong>{hit.learnerId}</strong>
                  <span className="muted">{hit.scenarioId} · {hit.skill} · {formatTime(hit.recordedAt)}</span>
                </div>
                <p className="snippet" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(hit.snippet, { ALLOWED_TAGS: ['em'], ALLOWED_ATTR: [] }) }} />
              </li>
            ))}
          </ol>
          {pages > 1 && (
            <nav className="row" aria-label="Result pages">
              <button className="secondary" disabled={searching || result.page === 0} onClick={() => void search(result.page - 1, result.criteria)}>Previous</button>
              <span>Page {result.page + 1} of {pages}</span>
              <button className="secondary" disabled={searching || result.page + 1 >= pages} onClick={() => void search(result.page + 1, result.criteria)}>Next</button>
            </nav>
          )}
        </section>
      )}
      <RebuildIndex />
    </>
  );
}

/** Search reads OpenSearch, which PostgreSQL can always fill again: after a restore from backup, say. */
function RebuildIndex() {
  const [rebuilding, setRebuilding] = useState(false);
  const [rebuilt, setRebuilt] = useState<Rebuilt>();
  const [error, setError] = useState<Error>();

  async function rebuild() {
    setRebuilding(true);
    setRebuilt(undefined);
    setError(undefined);
    try {
      setRebuilt(await send<Rebuilt>('POST', '/api/admin/evidence/reindex'));
    } catch (e) {
      setError(e as Error);
    } finally {
      setRebuilding(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="index-title">
      <div className="row spread">
        <h2 id="index-title">Search index</h2>
        <button className="secondary" onClick={() => void rebuild()} disabled={rebuilding}>
          {rebuilding ? 'Rebuilding…' : 'Rebuild the search index'}
        </button>
      </div>
      <p className="muted small">
        The evidence itself is kept in PostgreSQL. If search misses items, rebuild the index from there; until the
        indexer has caught up, search shows only part of the evidence.
      </p>
      {rebuilt && (
        <p className="notice ok" role="status" data-testid="index-rebuilt">
          Rebuilt the search index: queued {rebuilt.queued.toLocaleString()} evidence {rebuilt.queued === 1 ? 'item' : 'items'} for
          indexing in {(rebuilt.tookMillis / 1000).toFixed(1)} s. Search finds them all once the indexer has caught up,
          within moments for a small store.
        </p>
      )}
      <ErrorNotice error={error} />
    </section>
  );
}
