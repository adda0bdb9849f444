import type { Route } from '../router';

export const learnerRoutes: Route[] = [];
