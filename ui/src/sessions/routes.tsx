import type { Route } from '../router';
import { SessionPage } from './SessionPage';
import { SessionsPage } from './SessionsPage';
import '../review/review.css';

// The server serves the peer-session API to learners only.
export const sessionRoutes: Route[] = [
  { path: '/sessions', render: () => <SessionsPage /> },
  { path: '/sessions/:sessionId', render: ({ sessionId }) => <SessionPage key={sessionId} sessionId={sessionId} /> },
];
