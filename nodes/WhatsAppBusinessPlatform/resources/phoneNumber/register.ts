import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberTarget, pinParameter, show } from './fields';

const REGIONS: Array<[string, string]> = [
	['AE', 'United Arab Emirates'],
	['AU', 'Australia'],
	['BH', 'Bahrain'],
	['BR', 'Brazil'],
	['CA', 'Canada'],
	['CH', 'Switzerland'],
	['DE', 'Germany'],
	['GB', 'United Kingdom'],
	['ID', 'Indonesia'],
	['IN', 'India'],
	['JP', 'Japan'],
	['KR', 'South Korea'],
	['SG', 'Singapore'],
	['ZA', 'South Africa'],
];

export const registerPhoneNumber: INodeProperties[] = [
	...phoneNumberTarget('register', 'The verified phone number to register for the Cloud API'),
	pinParameter(
		'register',
		'The 6-digit two-step verification PIN: a new PIN for a new number, or the number\'s existing PIN',
	),
	{
		displayName: 'Data Localization Region',
		name: 'dataLocalizationRegion',
		type: 'options',
		default: '',
		description: 'Keep message content at rest in this country (Local Storage); leave empty for none',
		displayOptions: { show: show('register') },
		options: [{ name: 'None', value: '' }, ...REGIONS.map(([value, name]) => ({ name: `${name} (${value})`, value }))],
	},
];
