import type { Route } from './types';

export const phoneNumbersRoutes: Route[] = [];
