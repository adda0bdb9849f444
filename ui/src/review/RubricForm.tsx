// The rubric as a form: one group of levels per criterion, each level with its descriptor. The form checks what the
// server checks (every criterion scored, with one of its levels) before it sends anything; the server checks again.
import { useRef, useState, type FormEvent } from 'react';
import { ErrorNotice, Loading } from '../components/Status';
import type { Rubric } from './types';

/** Reviews.MAX_COMMENT on the server. */
const MAX_COMMENT = 5000;

export type Points = Record<string, number | undefined>;

interface Problem {
  criterionId: string;
  message: string;
}

export function rubricProblems(rubric: Rubric, points: Points): Problem[] {
  return rubric.criteria.flatMap((criterion) => {
    const given = points[criterion.id];
    if (given === undefined) return [{ criterionId: criterion.id, message: `${criterion.title}: choose a level` }];
    if (!criterion.levels.some((level) => level.points === given)) {
      return [{ criterionId: criterion.id, message: `${criterion.title}: ${given} is not one of its levels` }];
    }
    return [];
  });
}

/** The weighted score from 0 to 1, as the server computes it, once every criterion has a level. */
function weightedScore(rubric: Rubric, points: Points): number | undefined {
  let score = 0;
  for (const criterion of rubric.criteria) {
    const given = points[criterion.id];
    if (given === undefined) return undefined;
    score += (criterion.weight * given) / Math.max(...criterion.levels.map((level) => level.points));
  }
  return score;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function RubricForm({ rubric, disabled, onSubmit, submitLabel = 'Submit review', withComment = true }: {
  rubric: Rubric;
  disabled?: boolean;
  onSubmit: (points: Record<string, number>, comment: string) => Promise<void>;
  /** The submit button's text; peer sessions submit an evaluation, not a review. */
  submitLabel?: string;
  /** Calibration and gold marking score without a comment for the learner. */
  withComment?: boolean;
}) {
  const [points, setPoints] = useState<Points>({});
  const [comment, setComment] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();
  const summary = useRef<HTMLDivElement>(null);
  const score = weightedScore(rubric, points);

  const choose = (criterionId: string, value: number) => {
    const next = { ...points, [criterionId]: value };
    setPoints(next);
    if (problems.length) setProblems(rubricProblems(rubric, next));
  };

  const focusCriterion = (criterionId: string) => {
    document.querySelector<HTMLInputElement>(`#criterion-${criterionId} input`)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = rubricProblems(rubric, points);
    setProblems(found);
    setError(undefined);
    if (found.length) {
      // Next paint: the summary exists only now.
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setSubmitting(true);
    try {
      await onSubmit(points as Record<string, number>, comment.trim());
    } catch (e) {
      setError(e);
    } finally {
      setSubmitting(false);
    }
  };

  const problemOf = (criterionId: string) => problems.find((p) => p.criterionId === criterionId);

  return (
    <form className="rubric" onSubmit={submit} noValidate aria-labelledby="rubric-title">
      <h2 id="rubric-title">Score with the rubric: {rubric.title}</h2>
      <p className="muted">
        Choose one level for every criterion. The review passes at {percent(rubric.passThreshold)} of the highest weighted score.
      </p>
      {problems.length > 0 && (
        <div className="notice error" role="alert" tabIndex={-1} ref={summary} data-testid="rubric-problems">
          <strong>The review is not complete yet:</strong>
          <ul>
            {problems.map((p) => (
              <li key={p.criterionId}>
                <a href={`#criterion-${p.criterionId}`} onClick={(e) => { e.preventDefault(); focusCriterion(p.criterionId); }}>
                  {p.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {rubric.criteria.map((criterion) => {
        const problem = problemOf(criterion.id);
        return (
          <fieldset key={criterion.id} id={`criterion-${criterion.id}`} className={problem ? 'criterion invalid' : 'criterion'}
            disabled={disabled || submitting} aria-describedby={problem ? `criterion-${criterion.id}-error` : undefined}>
            <legend>
              {criterion.title} <span className="muted">({percent(criterion.weight)} of the score)</span>
            </legend>
            {problem && <p className="field-error" id={`criterion-${criterion.id}-error`}>{problem.message}</p>}
            <div className="levels">
              {criterion.levels.map((level) => (
                <label key={level.points} className={points[criterion.id] === level.points ? 'level chosen' : 'level'}>
                  <input type="radio" name={`criterion-${criterion.id}`} value={level.points}
                    checked={points[criterion.id] === level.points} onChange={() => choose(criterion.id, level.points)} />
                  <span className="level-title">{level.points} · {level.title}</span>
                  <span className="level-descriptor">{level.descriptor}</span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      {withComment && (
        <>
          <label htmlFor="review-comment">Comment for the learner <span className="muted">(optional)</span></label>
          <textarea id="review-comment" value={comment} maxLength={MAX_COMMENT} disabled={disabled || submitting}
            aria-describedby="review-comment-count" onChange={(e) => setComment(e.target.value)} />
          <p className="muted small" id="review-comment-count">{comment.length} of {MAX_COMMENT} characters</p>
        </>
      )}
      <p className="score" aria-live="polite">
        {score === undefined
          ? 'The score shows once every criterion has a level.'
          : `Score: ${percent(score)}, ${score + 1e-9 >= rubric.passThreshold ? 'passes' : 'does not pass'}.`}
      </p>
      <ErrorNotice error={error} />
      <div className="row">
        <button type="submit" disabled={disabled || submitting}>{submitLabel}</button>
        {submitting && <Loading what="Submitting the review" />}
      </div>
    </form>
  );
}
