import type { Route } from './types';

export const assignedUsersRoutes: Route[] = [];
