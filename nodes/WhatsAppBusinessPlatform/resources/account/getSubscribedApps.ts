import type { INodeProperties } from 'n8n-workflow';

import { wabaLocator } from '../../shared/locatorFields';

export const getSubscribedApps: INodeProperties[] = [
	wabaLocator({ resource: ['account'], operation: ['getSubscribedApps'] }, 'The WhatsApp Business Account whose app subscriptions to list'),
];
