import { Link } from '../router';
import './admin.css';

const sections = [
  { id: 'models', label: 'Models', href: '/admin/models' },
  { id: 'catalog', label: 'Catalog', href: '/admin/catalog' },
  { id: 'evidence', label: 'Evidence', href: '/admin/evidence' },
  { id: 'quality', label: 'Review quality', href: '/admin/review-quality' },
  { id: 'terminals', label: 'Live terminals', href: '/admin/terminals' },
] as const;

export const COCKPIT = '/camunda/app/cockpit/';

/** The admin area's own navigation, on every admin page. Cockpit is Camunda's app, so it opens as a full page. */
export function AdminNav({ current }: { current?: (typeof sections)[number]['id'] }) {
  return (
    <nav className="admin-nav" aria-label="Admin">
      {sections.map((s) => (
        <Link key={s.id} href={s.href} aria-current={s.id === current ? 'page' : undefined}>
          {s.label}
        </Link>
      ))}
      <a href={COCKPIT}>Cockpit (Camunda)</a>
    </nav>
  );
}
