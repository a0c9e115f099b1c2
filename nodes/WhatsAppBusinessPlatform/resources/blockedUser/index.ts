import type { INodeProperties } from 'n8n-workflow';

import { perItemOperations } from '../../shared/customOperation';
import { block, blockUsers } from './block';
import { getAllBlockedUsers } from './getAll';
import { unblock, unblockUsers } from './unblock';

export const blockedUserDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['blockedUser'] } },
		default: 'block',
		options: [
			{
				name: 'Block',
				value: 'block',
				action: 'Block users',
				description: 'Stop users from messaging a business number (one output item per user, with Meta\'s reason where a user could not be blocked)',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many blocked users',
				description: 'List the users a business number has blocked',
				routing: { request: { method: 'GET', url: '=/{{$parameter.phoneNumberId}}/block_users' } },
			},
			{
				name: 'Unblock',
				value: 'unblock',
				action: 'Unblock users',
				description: 'Let blocked users message a business number again (one output item per user)',
			},
		],
	},
	...blockUsers,
	...unblockUsers,
	...getAllBlockedUsers,
];

// Block and unblock report one item per user, including Meta's per-user refusals, so they run as code.
export const blockedUserCustomOperations = perItemOperations({ block, unblock });
