import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberTarget } from './fields';

export const deregisterPhoneNumber: INodeProperties[] = [
	...phoneNumberTarget('deregister', 'The phone number to remove from the Cloud API; it can no longer send or receive messages'),
];
