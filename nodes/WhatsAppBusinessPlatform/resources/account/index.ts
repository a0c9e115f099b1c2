import type { INodeProperties } from 'n8n-workflow';

import { getAccount } from './get';
import { getAllAccounts } from './getAll';

export const accountDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		default: 'get',
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a WhatsApp Business Account',
				description: 'Read the details of a WhatsApp Business Account',
				routing: { request: { method: 'GET', url: '=/{{$parameter.wabaId}}' } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many WhatsApp Business Accounts',
				description: 'List the WhatsApp Business Accounts of a business',
				routing: {
					request: {
						method: 'GET',
						url: '=/{{$parameter.businessId}}/{{$parameter.ownership}}_whatsapp_business_accounts',
					},
				},
			},
		],
	},
	...getAccount,
	...getAllAccounts,
];
