import type { Route } from '../router';
import { MyPassportPage, PassportPage } from './PassportPage';
import { VerifyPage } from './VerifyPage';

// '/passport/verify' comes before '/passport/:learnerId', which would match it too.
export const passportRoutes: Route[] = [
  { path: '/passport', render: () => <MyPassportPage /> },
  { path: '/passport/verify', render: () => <VerifyPage /> },
  { path: '/passport/:learnerId', render: ({ learnerId }) => <PassportPage learnerId={learnerId} /> },
];
