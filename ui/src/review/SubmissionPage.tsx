// One submission to review: who claimed it, similar submissions, the evidence, and the rubric form; after a passing
// review, the endorsement.
import { useState } from 'react';
import { api, send } from '../api';
import { ErrorNotice, Loading } from '../components/Status';
import { useApi } from '../components/useApi';
import { Link } from '../router';
import { useUser } from '../user';
import { formatTime, PageHeading, useActivityTitles } from './common';
import { EndorseForm } from './EndorseForm';
import { EvidenceView } from './EvidenceView';
import { RubricForm } from './RubricForm';
import { Markdown } from '../components/Markdown';
import type { Review, ReviewTask, SimilarSubmission, Submission } from './types';

export function SubmissionPage({ taskId }: { taskId: string }) {
  const submission = useApi<Submission>(`/api/review/tasks/${encodeURIComponent(taskId)}`);
  const titleOf = useActivityTitles();
  const user = useUser();
  // Claims and the submitted review change the page without loading the evidence again.
  const [task, setTask] = useState<ReviewTask>();
  const [reviewed, setReviewed] = useState<{ review: Review; endorsement?: ReviewTask }>();

  if (submission.error && !reviewed) {
    return (
      <>
        <PageHeading title="Review">This review cannot be opened</PageHeading>
        <ErrorNotice error={submission.error} />
        <p><Link href="/review">Back to the review inbox</Link></p>
      </>
    );
  }
  if (!submission.data) return <Loading what="Loading the submission and its evidence" />;
  const { rubric, reviewGuide, evidence, similar } = submission.data;
  const current = task ?? submission.data.task;
  const scenario = titleOf(current.activityId);

  const submit = async (points: Record<string, number>, comment: string) => {
    const review = await send<Review>('POST', `/api/review/tasks/${encodeURIComponent(taskId)}`, { points, comment });
    // A passing review opens the reviewer's endorsement task on the same run.
    const waiting = review.passed ? await api<ReviewTask[]>('/api/review/endorsements') : [];
    setReviewed({ review, endorsement: waiting.find((t) => t.processInstanceId === current.processInstanceId) });
  };

  return (
    <>
      <p><Link href="/review">← Review inbox</Link></p>
      <PageHeading title={`Review of ${current.learnerId}`}>{scenario} by {current.learnerId}</PageHeading>
      <p className="muted">
        Skill {current.skill} · submitted {formatTime(current.created)} · evidence is read-only
      </p>
      {!reviewed && <ClaimBar task={current} onChange={setTask} />}
      {similar.length > 0 && <SimilarFlags similar={similar} titleOf={titleOf} />}
      <EvidenceView evidence={evidence} />
      {reviewed ? (
        <Reviewed review={reviewed.review} endorsement={reviewed.endorsement} />
      ) : (
        <section className="panel">
          {reviewGuide && (
            <details className="review-guide">
              <summary><strong>Reviewer reference</strong>: what strong, adequate and weak work looks like here</summary>
              <Markdown text={reviewGuide} />
            </details>
          )}
          <RubricForm rubric={rubric} onSubmit={submit} disabled={current.assignee !== null && current.assignee !== user.userId} />
        </section>
      )}
    </>
  );
}

/** Who holds the review, with the one action that fits: claim it, or give it back. */
function ClaimBar({ task, onChange }: { task: ReviewTask; onChange: (task: ReviewTask) => void }) {
  const user = useUser();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>();
  const act = async (action: 'claim' | 'unclaim') => {
    setPending(true);
    setError(undefined);
    try {
      onChange(await send<ReviewTask>('POST', `/api/review/tasks/${encodeURIComponent(task.taskId)}/${action}`));
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  };
  const mine = task.assignee === user.userId;
  return (
    <div className="panel claim-bar" data-testid="claim-status">
      <div className="row">
        {task.assignee === null ? (
          <>
            <span className="badge warn">unclaimed</span>
            <span>Claim it so that nobody else starts on it; submitting the review claims it too.</span>
            <button type="button" onClick={() => void act('claim')} disabled={pending}>Claim</button>
          </>
        ) : mine ? (
          <>
            <span className="badge ok">claimed by you</span>
            <button type="button" className="secondary" onClick={() => void act('unclaim')} disabled={pending}>Unclaim</button>
          </>
        ) : (
          <>
            <span className="badge">claimed by {task.assignee}</span>
            <span>Only {task.assignee} can score it{user.admin ? ', unless you give it back to the queue' : ''}.</span>
            {user.admin && <button type="button" className="secondary" onClick={() => void act('unclaim')} disabled={pending}>Unclaim</button>}
          </>
        )}
        {pending && <Loading what="Updating the claim" />}
      </div>
      <ErrorNotice error={error} />
    </div>
  );
}

function SimilarFlags({ similar, titleOf }: { similar: SimilarSubmission[]; titleOf: (id: string) => string }) {
  return (
    <section className="notice warn-notice" aria-labelledby="similar-title" data-testid="similar-submissions">
      <h2 id="similar-title">Similar submissions</h2>
      <p>These submissions of other learners read much like this one. Compare them before you score.</p>
      <ul>
        {similar.map((s) => (
          <li key={s.processInstanceId}>
            <Link href={`/review/evidence/${s.processInstanceId}`}>{s.learnerId}: {titleOf(s.activityId)}</Link>{' '}
            <span className="muted">(alike in {s.matchedKinds.join(' and ')})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Reviewed({ review, endorsement }: { review: Review; endorsement?: ReviewTask }) {
  return (
    <>
      <p className="notice ok" role="status" data-testid="review-outcome">
        Review submitted: {Math.round(review.score * 100)}%, {review.passed ? 'passed' : 'did not pass'}.
      </p>
      {endorsement ? (
        <EndorseForm task={endorsement} />
      ) : review.passed ? (
        <p className="muted">No endorsement is waiting for you on this run.</p>
      ) : (
        <p className="muted">The review did not pass, so there is no endorsement to give.</p>
      )}
      <p><Link href="/review">Back to the review inbox</Link></p>
    </>
  );
}
