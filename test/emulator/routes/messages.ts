import type { Route } from './types';

export const messagesRoutes: Route[] = [];
