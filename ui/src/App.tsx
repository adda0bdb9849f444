import { useEffect, useState } from 'react';
import { api, signOut, type CurrentUser } from './api';

interface Destination {
  title: string;
  description: string;
  href: string;
  group?: string;
}

// What each kind of user can open from the landing page. Later pages fill these in.
const destinations: Destination[] = [
  { title: 'Scenarios', description: 'Fix a real broken system under real load.', href: '/learn' },
  { title: 'My skills', description: 'Your Skill Confidence Index, tier and the evidence behind them.', href: '/skills' },
  { title: 'Review inbox', description: 'Submissions waiting for your rubric.', href: '/review', group: 'evaluators' },
  { title: 'Process models', description: 'Edit, validate and deploy BPMN and DMN models.', href: '/admin', group: 'admins' },
  { title: 'Cockpit', description: 'Running instances, incidents and jobs in Camunda Cockpit.', href: '/camunda/app/cockpit/', group: 'admins' },
];

export function App() {
  const [user, setUser] = useState<CurrentUser>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    api<CurrentUser>('/api/me').then(setUser, (e: Error) => setError(e.message));
  }, []);

  if (error) return <main className="page"><p role="alert" className="error">{error}</p></main>;
  if (!user) return <main className="page"><p className="muted" aria-busy="true">Loading…</p></main>;

  const visible = destinations.filter((d) => !d.group || user.groups.includes(d.group) || user.admin);
  return (
    <>
      <header className="bar">
        <a className="brand" href="/">Proving Ground</a>
        <span className="who" data-testid="signed-in-user">
          {user.userId} <small>({user.groups.join(', ')})</small>
        </span>
        <button className="link" onClick={() => void signOut()}>Sign out</button>
      </header>
      <main className="page">
        <h1>Welcome, {user.userId}</h1>
        <p className="muted">Real code, real problems, real feedback. Pick up where you left off.</p>
        <nav className="cards">
          {visible.map((d) => (
            <a key={d.href} className="card" href={d.href}>
              <strong>{d.title}</strong>
              <span>{d.description}</span>
            </a>
          ))}
        </nav>
      </main>
    </>
  );
}
