import type { Route } from './types';

export const analyticsRoutes: Route[] = [];
