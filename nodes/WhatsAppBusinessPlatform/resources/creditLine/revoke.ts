import type { INodeProperties } from 'n8n-workflow';

import { allocationConfigIdField } from './fields';

export const revokeCreditLine: INodeProperties[] = [
	allocationConfigIdField(
		'revoke',
		'The allocation config to revoke. This stops the credit line paying for every WhatsApp account of that client shared with you.',
	),
];
