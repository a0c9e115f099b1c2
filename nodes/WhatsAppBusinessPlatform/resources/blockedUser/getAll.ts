import type { INodeProperties } from 'n8n-workflow';

import { listFields } from '../../shared/commonFields';
import { phoneTarget } from '../../shared/phoneTarget';

export const getAllBlockedUsers: INodeProperties[] = [
	...phoneTarget({ resource: ['blockedUser'], operation: ['getAll'] }, 'The business phone number whose blocklist to read'),
	...listFields('blockedUser', 'getAll'),
];
