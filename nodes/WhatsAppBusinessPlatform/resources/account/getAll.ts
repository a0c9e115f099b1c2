import type { INodeProperties } from 'n8n-workflow';

import { listFields } from '../../shared/commonFields';
import { businessIdField } from '../../shared/locatorFields';

const show = { resource: ['account'], operation: ['getAll'] };

export const getAllAccounts: INodeProperties[] = [
	businessIdField(show, 'The ID of the Meta business whose WhatsApp Business Accounts to list'),
	{
		displayName: 'Ownership',
		name: 'ownership',
		type: 'options',
		default: 'owned',
		description: 'Accounts the business owns, or accounts of clients shared with it (for solution partners)',
		options: [
			{ name: 'Owned by the Business', value: 'owned' },
			{ name: 'Shared by Clients', value: 'client' },
		],
		displayOptions: { show },
	},
	...listFields('account', 'getAll'),
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'string',
		default: 'id,name,timezone_id,currency,account_review_status',
		description: 'Comma-separated fields to read for each account',
		displayOptions: { show },
		routing: { send: { type: 'query', property: 'fields' } },
	},
];
