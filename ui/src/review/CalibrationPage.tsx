// Calibration: before reviewing with a rubric, the evaluator scores gold submissions that an admin scored as a
// reference, and sees where they differ. Their accuracy is their weight in the learners' Proof.
import { useState } from 'react';
import { api, send } from '../api';
import { ErrorNotice, Loading } from '../components/Status';
import { useApi } from '../components/useApi';
import { Link } from '../router';
import { formatTime, PageHeading, useActivityTitles } from './common';
import { EvidenceView } from './EvidenceView';
import { RubricForm } from './RubricForm';
import type { CalibrationOverview, CalibrationResult, CalibrationTask } from './types';

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function CalibrationPage() {
  const overview = useApi<CalibrationOverview>('/api/review/calibration');
  const titleOf = useActivityTitles();
  const [task, setTask] = useState<CalibrationTask | null>();
  const [result, setResult] = useState<CalibrationResult>();
  const [error, setError] = useState<unknown>();

  const open = async (rubricId: string) => {
    setError(undefined);
    setResult(undefined);
    try {
      setTask((await api<CalibrationTask | undefined>(`/api/review/calibration/next?rubric=${encodeURIComponent(rubricId)}`)) ?? null);
    } catch (e) {
      setError(e);
    }
  };

  const submit = async (points: Record<string, number>) => {
    if (!task) return;
    setResult(await send<CalibrationResult>('POST', `/api/review/calibration/${encodeURIComponent(task.processInstanceId)}`, { points }));
    overview.reload();
  };

  return (
    <>
      <p><Link href="/review">← Review inbox</Link></p>
      <PageHeading title="Calibration">Calibration</PageHeading>
      <p className="muted">
        Score submissions that an admin scored as a reference. You review with a rubric once you scored enough of its
        reference submissions; how close you come is your weight in the learners' Proof.
      </p>
      <ErrorNotice error={error ?? overview.error} />
      {!overview.data ? <Loading what="Loading your calibration" /> : (
        <section className="panel" aria-labelledby="calibration-status">
          <h2 id="calibration-status">Your calibration</h2>
          <p data-testid="calibration-weight">Your weight in Proof: <strong>{percent(overview.data.weight)}</strong></p>
          {overview.data.rubrics.length === 0 ? (
            <p className="muted">No rubric has reference submissions yet: you can review without calibrating.</p>
          ) : (
            <table>
              <thead><tr><th>Rubric</th><th>Scored</th><th>Status</th><th /></tr></thead>
              <tbody>
                {overview.data.rubrics.map((status) => (
                  <tr key={status.rubricId} data-rubric={status.rubricId}>
                    <td>{status.rubricId}</td>
                    <td>{status.done} of {status.needed}</td>
                    <td>
                      {!status.required ? <span className="badge">not required</span>
                        : status.calibrated ? <span className="badge ok">calibrated{status.dueAgainAt ? ` until ${formatTime(status.dueAgainAt)}` : ''}</span>
                        : <span className="badge warn">calibrate first</span>}
                    </td>
                    <td><button type="button" className={status.calibrated ? 'secondary' : ''} onClick={() => void open(status.rubricId)}>Score the next</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {task === null && <p className="notice" role="status">No reference submission of this rubric is waiting for you.</p>}
      {result && task && <Comparison result={result} task={task} />}
      {task && !result && (
        <>
          <h2>{titleOf(task.activityId)}: a reference submission</h2>
          <EvidenceView evidence={task.evidence} />
          <section className="panel">
            <RubricForm rubric={task.rubric} onSubmit={(points) => submit(points)} submitLabel="Submit calibration" withComment={false} />
          </section>
        </>
      )}
    </>
  );
}

/** The evaluator's points beside the reference, criterion by criterion, and the accuracy they come to. */
function Comparison({ result, task }: { result: CalibrationResult; task: CalibrationTask }) {
  return (
    <section className="panel" aria-labelledby="comparison-title" data-testid="calibration-result">
      <h2 id="comparison-title">Your score beside the reference: {percent(result.accuracy)} accurate</h2>
      <table>
        <thead><tr><th>Criterion</th><th>You</th><th>Reference</th></tr></thead>
        <tbody>
          {task.rubric.criteria.map((criterion) => {
            const yours = result.points[criterion.id];
            const reference = result.referencePoints[criterion.id];
            return (
              <tr key={criterion.id}>
                <td>{criterion.title}</td>
                <td>{yours}</td>
                <td>{reference}{yours !== reference && <span className="badge warn"> differs</span>}</td>
              </tr>
            );
          })}
          <tr><th>Weighted score</th><th>{percent(result.score)}</th><th>{percent(result.referenceScore)}</th></tr>
        </tbody>
      </table>
    </section>
  );
}
