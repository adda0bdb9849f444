// Review quality for admins: gold submissions (mark one with reference points, retire one), how far evaluators agree
// on each rubric criterion, each evaluator's calibration weight, and endorsements held as mutual.
import { useState } from 'react';
import { send } from '../api';
import { ErrorNotice, Loading } from '../components/Status';
import { useApi } from '../components/useApi';
import { RubricForm } from '../review/RubricForm';
import type { Rubric } from '../review/types';
import { AdminNav } from './AdminNav';

interface Gold {
  processInstanceId: string;
  learnerId: string;
  activityId: string;
  rubricId: string;
  referenceScore: number;
  markedBy: string;
}

interface CriterionAgreement {
  rubricId: string;
  criterionId: string;
  title: string;
  /** Krippendorff's alpha; null when there are not yet two ratings of one submission. */
  alpha: number | null;
  submissions: number;
  ratings: number;
  flagged: boolean;
}

interface ReviewerWeight {
  reviewerId: string;
  calibrations: number;
  weight: number;
  lastCalibratedAt: string;
}

interface ReviewQualityData {
  golds: Gold[];
  agreement: CriterionAgreement[];
  reviewers: ReviewerWeight[];
}

interface HeldEndorsement {
  id: string;
  learnerId: string;
  skill: string;
  endorserId: string;
  comment: string;
  heldReason: string;
  endorsedAt: string;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function ReviewQuality() {
  const quality = useApi<ReviewQualityData>('/api/admin/review-quality');
  const held = useApi<HeldEndorsement[]>('/api/admin/endorsements/held');
  const [error, setError] = useState<unknown>();

  const act = async (request: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await request();
    } catch (e) {
      setError(e);
    }
    quality.reload();
    held.reload();
  };

  if (quality.error) return <><AdminNav current="quality" /><ErrorNotice error={quality.error} /></>;
  if (!quality.data) return <><AdminNav current="quality" /><Loading what="Loading review quality" /></>;
  const { golds, agreement, reviewers } = quality.data;
  return (
    <>
      <AdminNav current="quality" />
      <h1>Review quality</h1>
      <ErrorNotice error={error} />
      <section className="panel" aria-labelledby="agreement-title">
        <h2 id="agreement-title">Agreement per criterion</h2>
        <p className="muted">
          Krippendorff's alpha over the gold submissions: each evaluator's latest score and the reference. Below 0.667
          the criterion is flagged: evaluators read it differently, so its descriptors need work.
        </p>
        {agreement.length === 0 ? <p className="muted">No gold submissions yet.</p> : (
          <table>
            <thead><tr><th>Rubric</th><th>Criterion</th><th>Alpha</th><th>Submissions</th><th>Ratings</th><th /></tr></thead>
            <tbody>
              {agreement.map((row) => (
                <tr key={`${row.rubricId}/${row.criterionId}`} data-criterion={row.criterionId}>
                  <td>{row.rubricId}</td>
                  <td>{row.title}</td>
                  <td>{row.alpha === null ? <span className="muted">not enough ratings</span> : row.alpha.toFixed(3)}</td>
                  <td>{row.submissions}</td>
                  <td>{row.ratings}</td>
                  <td>{row.flagged && <span className="badge bad">poor agreement</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="reviewers-title">
        <h2 id="reviewers-title">Evaluators' weights</h2>
        {reviewers.length === 0 ? <p className="muted">Nobody has calibrated yet; every review weighs 100%.</p> : (
          <table>
            <thead><tr><th>Evaluator</th><th>Calibrations</th><th>Weight in Proof</th></tr></thead>
            <tbody>
              {reviewers.map((r) => (
                <tr key={r.reviewerId}><td>{r.reviewerId}</td><td>{r.calibrations}</td><td>{percent(r.weight)}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="golds-title">
        <h2 id="golds-title">Gold submissions</h2>
        {golds.length === 0 ? <p className="muted">None yet. Mark a submission below.</p> : (
          <table>
            <thead><tr><th>Submission</th><th>Learner</th><th>Rubric</th><th>Reference</th><th>Marked by</th><th /></tr></thead>
            <tbody>
              {golds.map((g) => (
                <tr key={g.processInstanceId}>
                  <td><code>{g.processInstanceId}</code> ({g.activityId})</td>
                  <td>{g.learnerId}</td>
                  <td>{g.rubricId}</td>
                  <td>{percent(g.referenceScore)}</td>
                  <td>{g.markedBy}</td>
                  <td>
                    <button type="button" className="secondary"
                      onClick={() => void act(() => send('POST', `/api/admin/gold/${encodeURIComponent(g.processInstanceId)}/retire`))}>
                      Retire
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <MarkGold onMarked={() => quality.reload()} />
      </section>
      <section className="panel" aria-labelledby="held-title">
        <h2 id="held-title">Held endorsements</h2>
        <p className="muted">Two learners who endorse each other within 30 days are held: their endorsements do not count until you clear them.</p>
        <ErrorNotice error={held.error} />
        {held.data?.length === 0 ? <p className="muted">No endorsement is held.</p> : (
          <ul>
            {held.data?.map((e) => (
              <li key={e.id}>
                <strong>{e.endorserId}</strong> endorsed <strong>{e.learnerId}</strong> in {e.skill}: “{e.comment}”{' '}
                <span className="muted">({e.heldReason})</span>{' '}
                <button type="button" onClick={() => void act(() => send('POST', `/api/admin/endorsements/${e.id}/clear`))}>Clear</button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** Marks a submission (by its process instance, as evidence search shows it) as gold, scored with a rubric. */
function MarkGold({ onMarked }: { onMarked: () => void }) {
  const rubrics = useApi<{ rubrics: Rubric[] }>('/api/admin/rubrics');
  const [processInstanceId, setProcessInstanceId] = useState('');
  const [rubricId, setRubricId] = useState('');
  const [marked, setMarked] = useState<string>();
  const rubric = rubrics.data?.rubrics.find((r) => r.id === rubricId);
  return (
    <details className="mark-gold">
      <summary>Mark a submission as gold</summary>
      <div className="row">
        <label htmlFor="gold-submission" className="inline">Submission (process instance)</label>
        <input id="gold-submission" value={processInstanceId} onChange={(e) => setProcessInstanceId(e.target.value.trim())} />
        <label htmlFor="gold-rubric" className="inline">Rubric</label>
        <select id="gold-rubric" value={rubricId} onChange={(e) => setRubricId(e.target.value)} style={{ width: 'auto' }}>
          <option value="">choose</option>
          {rubrics.data?.rubrics.map((r) => <option key={r.id} value={r.id}>{r.title}</option>)}
        </select>
      </div>
      {marked && <p className="notice ok" role="status">Marked {marked} as gold.</p>}
      {rubric && processInstanceId && (
        <RubricForm rubric={rubric} submitLabel="Mark as gold" withComment={false}
          onSubmit={async (points) => {
            await send('POST', '/api/admin/gold', { processInstanceId, rubricId, points });
            setMarked(processInstanceId);
            onMarked();
          }} />
      )}
    </details>
  );
}
