import type { Route } from './types';

export const creditLinesRoutes: Route[] = [];
