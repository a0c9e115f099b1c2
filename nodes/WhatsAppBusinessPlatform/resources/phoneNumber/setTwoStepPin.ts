import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberTarget, pinParameter } from './fields';

export const setTwoStepPin: INodeProperties[] = [
	...phoneNumberTarget('setTwoStepPin', 'The phone number whose two-step verification PIN to set'),
	pinParameter('setTwoStepPin', 'The new 6-digit two-step verification PIN'),
];
