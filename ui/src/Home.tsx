import { Link } from './router';
import { mayOpen, useUser } from './user';

interface Destination {
  title: string;
  description: string;
  href: string;
  group?: string;
}

const destinations: Destination[] = [
  { title: 'Learn', description: 'Fix a real broken system under real load, or design one milestone by milestone.', href: '/learn' },
  { title: 'My skills', description: 'Your Skill Confidence Index, tier and the evidence behind them.', href: '/skills' },
  { title: 'Skill passport', description: 'Share your tiers, and export them as signed Open Badges.', href: '/passport' },
  { title: 'Review inbox', description: 'Submissions waiting for your rubric.', href: '/review', group: 'evaluators' },
  { title: 'Process models', description: 'Edit, validate and deploy BPMN and DMN models.', href: '/admin', group: 'admins' },
  { title: 'Cockpit', description: 'Running instances, incidents and jobs in Camunda Cockpit.', href: '/camunda/app/cockpit/', group: 'admins' },
];

export function Home() {
  const user = useUser();
  return (
    <>
      <h1>Welcome, {user.userId}</h1>
      <p className="muted">Real code, real problems, real feedback. Pick up where you left off.</p>
      <nav className="cards" aria-label="Start">
        {destinations.filter((d) => mayOpen(user, d.group)).map((d) => (
          <Link key={d.href} className="card" href={d.href}>
            <strong>{d.title}</strong>
            <span>{d.description}</span>
          </Link>
        ))}
      </nav>
    </>
  );
}
