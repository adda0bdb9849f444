// Another submission's evidence, read-only: where a similar-submission flag leads.
import { ErrorNotice, Loading } from '../components/Status';
import { useApi } from '../components/useApi';
import { Link } from '../router';
import { formatTime, PageHeading, useActivityTitles } from './common';
import { EvidenceView } from './EvidenceView';
import type { Evidence } from './types';

export function EvidencePage({ processInstanceId }: { processInstanceId: string }) {
  const evidence = useApi<Evidence[]>(`/api/evidence/submissions/${encodeURIComponent(processInstanceId)}`);
  const titleOf = useActivityTitles();
  const first = evidence.data?.[0];
  return (
    <>
      <p><Link href="/review">← Review inbox</Link></p>
      <PageHeading title="Submission evidence">
        {first ? `${titleOf(first.activityId)} by ${first.learnerId}` : 'Submission evidence'}
      </PageHeading>
      {first && <p className="muted">Skill {first.skill} · recorded {formatTime(first.recordedAt)} · read-only</p>}
      <ErrorNotice error={evidence.error} />
      {evidence.loading && !evidence.data ? <Loading what="Loading the evidence" /> : evidence.data && <EvidenceView evidence={evidence.data} />}
    </>
  );
}
