import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberTarget, show } from './fields';

export const verifyCode: INodeProperties[] = [
	...phoneNumberTarget('verifyCode', 'The phone number the code was sent to'),
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		required: true,
		default: '',
		placeholder: '123456',
		description: 'The 6-digit code received by SMS or voice call',
		displayOptions: { show: show('verifyCode') },
		routing: { send: { type: 'body', property: 'code', value: '={{ String($value).replace(/[\\s-]/g, "") }}' } },
	},
];
