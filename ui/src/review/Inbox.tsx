// The evaluator's inbox: submissions waiting for review, to claim (or give back) and open, and passing reviews
// waiting for the reviewer's endorsement.
import { useState } from 'react';
import { send } from '../api';
import { ErrorNotice, Loading } from '../components/Status';
import { useApi } from '../components/useApi';
import { Link } from '../router';
import { useUser } from '../user';
import { formatTime, PageHeading, useActivityTitles } from './common';
import type { CalibrationOverview, ReviewTask } from './types';

export function Inbox() {
  const queue = useApi<ReviewTask[]>('/api/review/tasks');
  const endorsements = useApi<ReviewTask[]>('/api/review/endorsements');
  const titleOf = useActivityTitles();
  const calibration = useApi<CalibrationOverview>('/api/review/calibration');
  const uncalibrated = calibration.data?.rubrics.filter((r) => !r.calibrated) ?? [];
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();

  const act = async (task: ReviewTask, action: 'claim' | 'unclaim') => {
    setBusy(task.taskId);
    setError(undefined);
    try {
      await send('POST', `/api/review/tasks/${encodeURIComponent(task.taskId)}/${action}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
      queue.reload();
    }
  };

  return (
    <>
      <PageHeading title="Review inbox">Review inbox</PageHeading>
      {uncalibrated.length > 0 && (
        <p className="notice warn-notice" data-testid="calibrate-first">
          Calibrate first: before you review with {uncalibrated.map((r) => r.rubricId).join(', ')}, score its reference
          submissions. <Link href="/review/calibration">Go to calibration</Link>
        </p>
      )}
      <p className="muted"><Link href="/review/calibration">Calibration</Link>: score reference submissions and see how close you come.</p>
      <section className="panel" aria-labelledby="queue-title">
        <div className="row spread">
          <h2 id="queue-title">Waiting for review</h2>
          <button type="button" className="secondary" onClick={queue.reload} disabled={queue.loading}>Refresh</button>
        </div>
        <ErrorNotice error={error ?? queue.error} />
        {queue.loading && !queue.data ? (
          <Loading what="Loading the review queue" />
        ) : queue.data?.length === 0 ? (
          <p className="muted">No submissions are waiting for review.</p>
        ) : queue.data && (
          <QueueTable tasks={queue.data} titleOf={titleOf} busy={busy} act={act} />
        )}
      </section>
      <section className="panel" aria-labelledby="endorsements-title">
        <h2 id="endorsements-title">Waiting for your endorsement</h2>
        <ErrorNotice error={endorsements.error} />
        {endorsements.loading && !endorsements.data ? (
          <Loading what="Loading your endorsements" />
        ) : endorsements.data?.length === 0 ? (
          <p className="muted">No passing review of yours is waiting for an endorsement.</p>
        ) : (
          <ul>
            {endorsements.data?.map((task) => (
              <li key={task.taskId}>
                <Link href={`/review/endorsements/${task.taskId}`}>{task.learnerId}: {titleOf(task.activityId)}</Link>{' '}
                <span className="muted">({task.skill}, reviewed {formatTime(task.created)})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function QueueTable({ tasks, titleOf, busy, act }: {
  tasks: ReviewTask[];
  titleOf: (activityId: string) => string;
  busy?: string;
  act: (task: ReviewTask, action: 'claim' | 'unclaim') => Promise<void>;
}) {
  const user = useUser();
  return (
    <table className="queue">
      <thead>
        <tr>
          <th scope="col">Learner</th>
          <th scope="col">Submission</th>
          <th scope="col">Skill</th>
          <th scope="col">Waiting since</th>
          <th scope="col">Claimed</th>
          <th scope="col"><span className="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => {
          const mine = task.assignee === user.userId;
          return (
            <tr key={task.taskId} data-task-id={task.taskId}>
              <td>{task.learnerId}</td>
              <td><Link href={`/review/tasks/${task.taskId}`}>{titleOf(task.activityId)}</Link></td>
              <td>{task.skill}</td>
              <td>{formatTime(task.created)}</td>
              <td>
                {task.assignee === null ? <span className="badge warn">unclaimed</span>
                  : <span className="badge ok">{mine ? 'by you' : `by ${task.assignee}`}</span>}
              </td>
              <td>
                {busy === task.taskId ? (
                  <Loading what={task.assignee === null ? 'Claiming' : 'Giving back'} />
                ) : task.assignee === null ? (
                  <button type="button" disabled={busy !== undefined} onClick={() => void act(task, 'claim')}
                    aria-label={`Claim the review of ${task.learnerId}'s ${titleOf(task.activityId)}`}>Claim</button>
                ) : (
                  <button type="button" className="secondary" disabled={busy !== undefined} onClick={() => void act(task, 'unclaim')}
                    aria-label={`Give back the review of ${task.learnerId}'s ${titleOf(task.activityId)}`}>Unclaim</button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
