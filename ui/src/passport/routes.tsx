import type { Route } from '../router';
import { MyPassportPage, PassportPage } from './PassportPage';
import { VerifyPage } from './VerifyPage';

// Anyone may open these, signed in or not: the passport API keeps a private passport private.
// '/passport/verify' comes before '/passport/:learnerId', which would match it too.
export const publicPassportRoutes: Route[] = [
  { path: '/passport/verify', render: () => <VerifyPage /> },
  { path: '/passport/:learnerId', render: ({ learnerId }) => <PassportPage learnerId={learnerId} /> },
];

export const passportRoutes: Route[] = [
  { path: '/passport', render: () => <MyPassportPage /> },
  ...publicPassportRoutes,
];
