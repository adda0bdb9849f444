import type { Route } from '../router';
import { CalibrationPage } from './CalibrationPage';
import { EndorsementPage } from './EndorsementPage';
import { EvidencePage } from './EvidencePage';
import { Inbox } from './Inbox';
import { SubmissionPage } from './SubmissionPage';
import './review.css';

// The server serves these pages to evaluators and admins only.
export const reviewRoutes: Route[] = [
  { path: '/review', render: () => <Inbox /> },
  { path: '/review/calibration', render: () => <CalibrationPage /> },
  { path: '/review/tasks/:taskId', render: ({ taskId }) => <SubmissionPage key={taskId} taskId={taskId} /> },
  { path: '/review/endorsements/:taskId', render: ({ taskId }) => <EndorsementPage key={taskId} taskId={taskId} /> },
  { path: '/review/evidence/:processInstanceId', render: ({ processInstanceId }) => <EvidencePage key={processInstanceId} processInstanceId={processInstanceId} /> },
];
