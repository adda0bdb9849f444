// An endorsement waiting for the reviewer, opened from the inbox: the decision, with the evidence to recall it by.
import { ErrorNotice, Loading } from '../components/Status';
import { useApi } from '../components/useApi';
import { Link } from '../router';
import { PageHeading, useActivityTitles } from './common';
import { EndorseForm } from './EndorseForm';
import { EvidenceView } from './EvidenceView';
import type { Evidence, ReviewTask } from './types';

export function EndorsementPage({ taskId }: { taskId: string }) {
  const waiting = useApi<ReviewTask[]>('/api/review/endorsements');
  const titleOf = useActivityTitles();
  const task = waiting.data?.find((t) => t.taskId === taskId);
  const evidence = useApi<Evidence[]>(task ? `/api/evidence/submissions/${encodeURIComponent(task.processInstanceId)}` : null);
  if (waiting.error) return <ErrorNotice error={waiting.error} />;
  if (!waiting.data) return <Loading what="Loading the endorsement" />;
  if (!task) {
    return (
      <>
        <PageHeading title="Endorsement">This endorsement is not waiting for you</PageHeading>
        <p>It was decided already, or its window closed. <Link href="/review">Back to the review inbox</Link></p>
      </>
    );
  }
  return (
    <>
      <p><Link href="/review">← Review inbox</Link></p>
      <PageHeading title={`Endorse ${task.learnerId}`}>Endorse {task.learnerId}: {titleOf(task.activityId)}</PageHeading>
      <EndorseForm task={task} />
      <h2>The submission you reviewed</h2>
      <ErrorNotice error={evidence.error} />
      {evidence.data ? <EvidenceView evidence={evidence.data} /> : !evidence.error && <Loading what="Loading the evidence" />}
    </>
  );
}
