import type { Route } from '../router';
import { AdminHome } from './AdminHome';
import { Catalog } from './Catalog';
import { EvidenceSearch } from './EvidenceSearch';
import { LiveTerminals } from './LiveTerminals';
import { ModelEditorPage, NewModelPage } from './ModelEditor';
import { ModelList } from './ModelList';
import { ReviewQuality } from './ReviewQuality';

// The server lets only admins reach /admin/**, so these pages need no role check of their own.
export const adminRoutes: Route[] = [
  { path: '/admin', render: () => <AdminHome /> },
  { path: '/admin/models', render: () => <ModelList /> },
  { path: '/admin/models/new', render: () => <NewModelPage /> },
  { path: '/admin/models/:kind/:key', render: (p) => <ModelEditorPage key={`${p.kind}/${p.key}`} kind={p.kind} modelKey={p.key} /> },
  { path: '/admin/catalog', render: () => <Catalog /> },
  { path: '/admin/evidence', render: () => <EvidenceSearch /> },
  { path: '/admin/review-quality', render: () => <ReviewQuality /> },
  { path: '/admin/terminals', render: () => <LiveTerminals /> },
];
