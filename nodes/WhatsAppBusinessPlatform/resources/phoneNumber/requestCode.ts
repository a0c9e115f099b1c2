import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberTarget, show } from './fields';

export const requestCode: INodeProperties[] = [
	...phoneNumberTarget('requestCode', 'The phone number to verify'),
	{
		displayName: 'Send Code By',
		name: 'codeMethod',
		type: 'options',
		default: 'SMS',
		description: 'How Meta sends the verification code to the phone',
		displayOptions: { show: show('requestCode') },
		options: [
			{ name: 'SMS', value: 'SMS' },
			{ name: 'Voice Call', value: 'VOICE' },
		],
		routing: { send: { type: 'body', property: 'code_method' } },
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: 'en_US',
		placeholder: 'en_US',
		description: 'Language of the SMS or call, such as en_US or pt_BR',
		displayOptions: { show: show('requestCode') },
		routing: { send: { type: 'body', property: 'language' } },
	},
];
