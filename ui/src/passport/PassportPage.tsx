import { useState } from 'react';
import { api, send } from '../api';
import { ErrorNotice, Loading } from '../components/Status';
import { useApi } from '../components/useApi';
import { Link } from '../router';
import { useUser } from '../user';

type Visibility = 'PUBLIC' | 'PRIVATE';

interface Passport {
  learnerId: string;
  visibility: Visibility;
  skills: {
    skill: string;
    tier: string;
    sci: number;
    components: { practice: number; proof: number; reliability: number; freshness: number };
    countingEndorsements: number;
    evidence: { activity: string; kind: string; recordedAt: string; contentHash: string; url: string }[];
  }[];
}

interface Exported {
  id: string;
  jwt: string;
  credential: Record<string, unknown>;
}

const TIER_NAMES: Record<string, string> = {
  CLAIMED: 'Tier 1 · Claimed',
  PRACTICED: 'Tier 2 · Practiced',
  VERIFIED: 'Tier 3 · Verified',
  PEER_ENDORSED: 'Tier 4 · Peer-endorsed',
};

/** The signed-in learner's own passport: who may see it, and their credentials to take elsewhere. */
export function MyPassportPage() {
  const user = useUser();
  const setting = useApi<{ visibility: Visibility }>('/api/passport/visibility');
  const [error, setError] = useState<unknown>();
  const change = (visibility: Visibility) =>
    send('PUT', '/api/passport/visibility', { visibility }).then(setting.reload, setError);
  return (
    <>
      <h1>My passport</h1>
      <ErrorNotice error={setting.error ?? error} />
      {setting.data && (
        <fieldset className="panel">
          <legend>Who sees it</legend>
          {(['PRIVATE', 'PUBLIC'] as const).map((v) => (
            <label key={v}>
              <input type="radio" name="visibility" checked={setting.data?.visibility === v} onChange={() => void change(v)} />{' '}
              {v === 'PRIVATE' ? 'Only me' : 'Anyone with the link'}
            </label>
          ))}
          <p className="muted">
            Public page: <Link href={`/passport/${encodeURIComponent(user.userId)}`}>{window.location.origin}/passport/{user.userId}</Link>{' '}
            (as JSON: <code>/api/passport/{user.userId}</code>). Evidence appears as summaries and content hashes, never its
            content. <Link href="/passport/verify">Verify a credential</Link>.
          </p>
        </fieldset>
      )}
      <PassportView learnerId={user.userId} exportable />
    </>
  );
}

/** Another learner's passport, when they made it public. */
export function PassportPage({ learnerId }: { learnerId: string }) {
  return (
    <>
      <h1>Passport of {learnerId}</h1>
      <PassportView learnerId={learnerId} exportable={false} />
    </>
  );
}

function PassportView({ learnerId, exportable }: { learnerId: string; exportable: boolean }) {
  const passport = useApi<Passport>(`/api/passport/${encodeURIComponent(learnerId)}`);
  if (passport.error) return <ErrorNotice error={passport.error} />;
  if (!passport.data) return <Loading what="Loading the passport" />;
  if (passport.data.skills.length === 0) return <p className="muted">No standings yet.</p>;
  return (
    <>
      {passport.data.skills.map((s) => (
        <section key={s.skill} className="panel" data-skill={s.skill}>
          <div className="row">
            <h2>{s.skill}</h2>
            <span className="badge ok">{TIER_NAMES[s.tier] ?? s.tier}</span>
            <span className="sci">SCI <strong>{s.sci.toFixed(2)}</strong> / 100</span>
          </div>
          <p className="muted">
            Practice {s.components.practice.toFixed(2)} · Proof {s.components.proof.toFixed(2)} · Reliability{' '}
            {s.components.reliability.toFixed(2)} · Freshness {s.components.freshness.toFixed(2)} · {s.countingEndorsements}{' '}
            counting endorsement{s.countingEndorsements === 1 ? '' : 's'}
          </p>
          <h3>Evidence</h3>
          <ul>
            {s.evidence.map((e) => (
              <li key={e.url}>
                {e.kind} of {e.activity}, {new Date(e.recordedAt).toLocaleDateString()}{' '}
                <span className="muted small">SHA-256 {e.contentHash.slice(0, 12)}…</span>
              </li>
            ))}
          </ul>
          {exportable && <Credentials learnerId={learnerId} skill={s.skill} />}
        </section>
      ))}
    </>
  );
}

function Credentials({ learnerId, skill }: { learnerId: string; skill: string }) {
  const [credentials, setCredentials] = useState<Exported[]>();
  const [error, setError] = useState<unknown>();
  const base = `/api/passport/${encodeURIComponent(learnerId)}`;
  const exportAll = async () => {
    try {
      const achievement = await api<Exported>(`${base}/credentials/${encodeURIComponent(skill)}`);
      const endorsements = await api<Exported[]>(`${base}/endorsements/${encodeURIComponent(skill)}`);
      setCredentials([achievement, ...endorsements]);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div>
      <button onClick={() => void exportAll()}>Export as Open Badges 3.0</button>
      <ErrorNotice error={error} />
      {credentials?.map((c) => (
        <details key={c.id}>
          <summary>{String(c.credential.name)} <span className="muted small">{c.id}</span></summary>
          <p>Signed credential (VC-JWT):</p>
          <textarea readOnly rows={4} value={c.jwt} aria-label={`Signed credential ${c.id}`} style={{ width: '100%' }} />
          <pre className="code">{JSON.stringify(c.credential, null, 2)}</pre>
        </details>
      ))}
    </div>
  );
}
