import type { Route } from './types';

export const mediaRoutes: Route[] = [];
