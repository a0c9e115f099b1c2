import type { INodeProperties } from 'n8n-workflow';

import { listFields } from '../../shared/commonFields';
import { businessIdField, wabaLocator } from '../../shared/locatorFields';

const show = { resource: ['assignedUser'], operation: ['getAll'] };

export const getAllAssignedUsers: INodeProperties[] = [
	wabaLocator(show, 'The WhatsApp Business Account whose users to list'),
	{
		...businessIdField(show, 'The ID of the Meta business that owns the account (Meta requires it for this list)'),
		routing: { send: { type: 'query', property: 'business' } },
	},
	...listFields('assignedUser', 'getAll'),
];
