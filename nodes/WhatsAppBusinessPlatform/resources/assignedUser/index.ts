import type { INodeProperties } from 'n8n-workflow';

import { withIds } from '../../shared/output';
import { addAssignedUser, buildAddUserBody } from './add';
import { getAllAssignedUsers } from './getAll';
import { buildRemoveUserQuery, removeAssignedUser } from './remove';

export const assignedUserDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['assignedUser'] } },
		default: 'getAll',
		options: [
			{
				name: 'Add',
				value: 'add',
				action: 'Add a user to an account',
				description: 'Give a business or system user access to an account, with the chosen tasks',
				routing: {
					request: { method: 'POST', url: '=/{{$parameter.wabaId}}/assigned_users' },
					send: { preSend: [buildAddUserBody] },
					output: {
						postReceive: [withIds({ wabaId: 'wabaId', userId: 'userId' }, (context) => ({ tasks: context.getNodeParameter('tasks', []) as string[] }))],
					},
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many users of an account',
				description: 'List the people and system users with access to an account, and their tasks',
				routing: { request: { method: 'GET', url: '=/{{$parameter.wabaId}}/assigned_users' } },
			},
			{
				name: 'Remove',
				value: 'remove',
				action: 'Remove a user from an account',
				description: 'Take a user\'s access to an account away',
				routing: {
					request: { method: 'DELETE', url: '=/{{$parameter.wabaId}}/assigned_users' },
					send: { preSend: [buildRemoveUserQuery] },
					output: { postReceive: [withIds({ wabaId: 'wabaId', userId: 'userId' })] },
				},
			},
		],
	},
	...getAllAssignedUsers,
	...addAssignedUser,
	...removeAssignedUser,
];
