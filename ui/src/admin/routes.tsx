import type { Route } from '../router';

export const adminRoutes: Route[] = [];
