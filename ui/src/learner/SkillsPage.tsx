import { useEffect } from 'react';
import { send } from '../api';
import { ErrorNotice, Loading } from '../components/Status';
import { useApi } from '../components/useApi';

interface Standing {
  skill: string;
  tier: string;
  sci: number;
  practice: number;
  proof: number;
  reliability: number;
  freshness: number;
  tierDecidedAt: string | null;
}

interface Explanation {
  sci: number;
  tier: string;
  components: { name: string; points: number; max: number; formula: string; contributions: { source: string; activity: string | null; points: number }[] }[];
}

interface Outlook {
  tier: string;
  sci: number;
  next: { tier: string; description: string; conditions: { label: string; test: string; current: unknown; met: boolean }[] } | null;
  forecast: { daysAhead: number; date: string; freshness: number; sci: number; tier: string }[];
  tierDropsOn: string | null;
}

interface Notification {
  id: number;
  kind: string;
  message: string;
  createdAt: string;
  readAt: string | null;
}

const TIER_NAMES: Record<string, string> = {
  CLAIMED: 'Tier 1 · Claimed',
  PRACTICED: 'Tier 2 · Practiced',
  VERIFIED: 'Tier 3 · Verified',
  PEER_ENDORSED: 'Tier 4 · Peer-endorsed',
};

export function SkillsPage() {
  const standings = useApi<Standing[]>('/api/standings');
  const notifications = useApi<Notification[]>('/api/notifications');
  return (
    <>
      <h1>My skills</h1>
      <Notifications loaded={notifications} />
      {standings.error ? <ErrorNotice error={standings.error} /> : !standings.data ? <Loading what="Loading your standings" /> :
        standings.data.length === 0 ? <p className="muted">No standings yet. Finish a scenario and its review to earn your first SCI.</p> :
        standings.data.map((s) => <SkillCard key={s.skill} standing={s} />)}
    </>
  );
}

/** An activity by its name; in Proof, the prior's share; in Reliability, a reviewer. */
function sourceName(source: { source: string; activity: string | null }): string {
  if (source.activity) return source.activity;
  return source.source === 'prior' ? 'the prior (pseudo-activities at a middling score)' : `review by ${source.source}`;
}

function SkillCard({ standing }: { standing: Standing }) {
  const explanation = useApi<Explanation>(`/api/standings/${encodeURIComponent(standing.skill)}/explanation`);
  return (
    <section className="panel skill" aria-labelledby={`skill-${standing.skill}`} data-skill={standing.skill}>
      <div className="row">
        <h2 id={`skill-${standing.skill}`}>{standing.skill}</h2>
        <span className="badge ok" data-testid="tier">{TIER_NAMES[standing.tier] ?? standing.tier}</span>
        <span className="sci" data-testid="sci">SCI <strong>{standing.sci.toFixed(2)}</strong> / 100</span>
      </div>
      {explanation.error ? <ErrorNotice error={explanation.error} /> : !explanation.data ? <Loading /> : (
        <div className="components">
          {explanation.data.components.map((c) => (
            <div key={c.name} className="component" data-component={c.name}>
              <div className="row">
                <strong>{c.name}</strong>
                <span>{c.points.toFixed(2)} of {c.max}</span>
              </div>
              <progress max={c.max} value={c.points} aria-label={`${c.name}: ${c.points.toFixed(2)} of ${c.max}`} />
              <p className="muted formula">{c.formula}</p>
              {c.contributions.length > 0 && (
                <ul className="contributions">
                  {c.contributions.map((source) => (
                    <li key={source.source}>{sourceName(source)}: +{source.points.toFixed(2)}</li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </div>
      )}
      {standing.tierDecidedAt && <p className="muted">Tier decided {new Date(standing.tierDecidedAt).toLocaleString()}.</p>}
      <OutlookPanel skill={standing.skill} />
    </section>
  );
}

function OutlookPanel({ skill }: { skill: string }) {
  const outlook = useApi<Outlook>(`/api/standings/${encodeURIComponent(skill)}/outlook`);
  if (outlook.error) return <ErrorNotice error={outlook.error} />;
  if (!outlook.data) return <Loading what="Working out your outlook" />;
  const o = outlook.data;
  return (
    <div className="grid2 outlook">
      <div>
        <h3>Next tier</h3>
        {o.next ? (
          <>
            <p><strong>{TIER_NAMES[o.next.tier] ?? o.next.tier}</strong>: {o.next.description}</p>
            <ul className="conditions" data-testid="next-tier-needs">
              {o.next.conditions.map((c) => (
                <li key={c.label} className={c.met ? 'met' : 'unmet'}>
                  <span aria-hidden="true">{c.met ? '✓' : '✗'}</span> {c.label}{c.test === 'true' ? '' : ` ${c.test}`}
                  <span className="muted"> (you: {typeof c.current === 'number' ? Number(c.current.toFixed(2)) : String(c.current)}){c.met ? '' : ' — not yet'}</span>
                </li>
              ))}
            </ul>
          </>
        ) : <p>You hold the highest tier.</p>}
      </div>
      <div>
        <h3>If you don't practise</h3>
        <p className="muted">Freshness fades with the days since your newest evidence; a new activity brings it back to full.</p>
        <table>
          <thead><tr><th>On</th><th>Freshness</th><th>SCI</th><th>Tier</th></tr></thead>
          <tbody>
            {o.forecast.map((d) => (
              <tr key={d.daysAhead}>
                <td>{d.daysAhead === 0 ? 'Today' : `${d.date} (+${d.daysAhead} d)`}</td>
                <td>{d.freshness.toFixed(2)}</td>
                <td>{d.sci.toFixed(2)}</td>
                <td>{TIER_NAMES[d.tier] ?? d.tier}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p data-testid="tier-drops-on">{o.tierDropsOn ? `Without new evidence your tier drops on ${o.tierDropsOn}.` : 'Your tier holds for at least a year.'}</p>
      </div>
    </div>
  );
}

function Notifications({ loaded }: { loaded: ReturnType<typeof useApi<Notification[]>> }) {
  const { reload } = loaded;
  useEffect(() => {
    const timer = window.setInterval(reload, 15000);
    return () => window.clearInterval(timer);
  }, [reload]);
  const unread = loaded.data?.filter((n) => !n.readAt) ?? [];
  if (!unread.length) return null;
  return (
    <section className="panel" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Notifications</h2>
      <ul>
        {unread.map((n) => (
          <li key={n.id}>
            {n.message} <span className="muted">({new Date(n.createdAt).toLocaleString()})</span>{' '}
            <button className="secondary" onClick={() => void send('POST', `/api/notifications/${n.id}/read`).then(reload)}>Mark read</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
