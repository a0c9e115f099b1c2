import type { INodeProperties } from 'n8n-workflow';

import { wabaLocator } from '../../shared/locatorFields';

export const unsubscribeApp: INodeProperties[] = [
	wabaLocator({ resource: ['account'], operation: ['unsubscribeApp'] }, 'The WhatsApp Business Account whose webhooks your app should stop receiving'),
];
