import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneTarget } from '../../shared/phoneTarget';
import { changeBlocklist, usersField } from './users';

export const unblockUsers: INodeProperties[] = [
	...phoneTarget({ resource: ['blockedUser'], operation: ['unblock'] }, 'The business phone number whose blocklist to take the users off'),
	usersField('unblock', 'Who to unblock.'),
];

export async function unblock(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return await changeBlocklist(this, itemIndex, 'DELETE');
}
