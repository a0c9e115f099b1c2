import { analyticsRoutes } from './analytics';
import { appSubscriptionsRoutes } from './appSubscriptions';
import { assignedUsersRoutes } from './assignedUsers';
import { blockUsersRoutes } from './blockUsers';
import { callingRoutes } from './calling';
import { coreRoutes } from './core';
import { creditLinesRoutes } from './creditLines';
import { flowsRoutes } from './flows';
import { groupsRoutes } from './groups';
import { marketingMessagesRoutes } from './marketingMessages';
import { mediaRoutes } from './media';
import { messagesRoutes } from './messages';
import { phoneNumbersRoutes } from './phoneNumbers';
import { qrCodesRoutes } from './qrCodes';
import { subscribedAppsRoutes } from './subscribedApps';
import { templateLibraryRoutes } from './templateLibrary';
import { templatesRoutes } from './templates';
import type { Route } from './types';

/** Every route the emulator serves; each feature keeps its routes in its own file. */
export const allRoutes: Route[] = [
	...coreRoutes,
	...subscribedAppsRoutes,
	...analyticsRoutes,
	...templatesRoutes,
	...phoneNumbersRoutes,
	...assignedUsersRoutes,
	...creditLinesRoutes,
	...messagesRoutes,
	...mediaRoutes,
	...appSubscriptionsRoutes,
	...blockUsersRoutes,
	...qrCodesRoutes,
	...flowsRoutes,
	...groupsRoutes,
	...callingRoutes,
	...marketingMessagesRoutes,
	...templateLibraryRoutes,
];
