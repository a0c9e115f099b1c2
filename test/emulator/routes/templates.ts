import type { Route } from './types';

export const templatesRoutes: Route[] = [];
