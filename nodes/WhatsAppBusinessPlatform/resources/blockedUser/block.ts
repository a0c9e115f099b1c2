import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneTarget } from '../../shared/phoneTarget';
import { changeBlocklist, usersField } from './users';

export const blockUsers: INodeProperties[] = [
	...phoneTarget({ resource: ['blockedUser'], operation: ['block'] }, 'The business phone number that blocks the users'),
	usersField('block', 'Who to block. Meta only blocks users who wrote to this number in the last 24 hours.'),
];

export async function block(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return await changeBlocklist(this, itemIndex, 'POST');
}
