import { coreRoutes } from './core';
import { subscribedAppsRoutes } from './subscribedApps';
import type { Route } from './types';

/** Every route the emulator serves; each feature keeps its routes in its own file. */
export const allRoutes: Route[] = [...coreRoutes, ...subscribedAppsRoutes];
