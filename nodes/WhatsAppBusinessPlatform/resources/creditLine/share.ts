import type { INodeProperties } from 'n8n-workflow';

import { wabaLocator } from '../../shared/locatorFields';
import { creditLineIdField, show } from './fields';

export const CURRENCIES = ['AUD', 'EUR', 'GBP', 'IDR', 'INR', 'USD'];

export const shareCreditLine: INodeProperties[] = [
	creditLineIdField('share', 'The ID of your credit line to share'),
	{
		...wabaLocator(show('share'), 'The client\'s WhatsApp Business Account that should be billed to your credit line'),
		routing: { send: { type: 'query', property: 'waba_id', value: '={{ $value }}' } },
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'options',
		default: 'USD',
		description: 'The currency the client\'s account is billed in',
		displayOptions: { show: show('share') },
		options: CURRENCIES.map((currency) => ({ name: currency, value: currency })),
		routing: { send: { type: 'query', property: 'waba_currency' } },
	},
];
