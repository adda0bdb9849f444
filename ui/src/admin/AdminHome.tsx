import { Link } from '../router';
import { AdminNav, COCKPIT } from './AdminNav';

const destinations = [
  { title: 'Process and decision models', description: 'Versions and running instances; edit, validate, deploy and roll back.', href: '/admin/models' },
  { title: 'Scenario and rubric catalog', description: 'What loaded, and the packages and rubrics that failed, with why.', href: '/admin/catalog' },
  { title: 'Evidence search', description: 'Everyone’s evidence, by text, learner, scenario, kind and date.', href: '/admin/evidence' },
  { title: 'Review quality', description: 'Gold submissions, agreement per rubric criterion, evaluators’ weights, held endorsements.', href: '/admin/review-quality' },
  { title: 'Live terminals', description: 'The learners’ shells open now; watch one, read-only (the learner sees that you do).', href: '/admin/terminals' },
];

export function AdminHome() {
  return (
    <>
      <AdminNav />
      <h1>Admin</h1>
      <nav className="cards" aria-label="Admin areas">
        {destinations.map((d) => (
          <Link key={d.href} className="card" href={d.href}>
            <strong>{d.title}</strong>
            <span>{d.description}</span>
          </Link>
        ))}
        <a className="card" href={COCKPIT}>
          <strong>Camunda Cockpit</strong>
          <span>Running instances, incidents and jobs, in Camunda’s own app.</span>
        </a>
      </nav>
    </>
  );
}
