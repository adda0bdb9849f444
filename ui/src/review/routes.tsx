import type { Route } from '../router';

export const reviewRoutes: Route[] = [];
