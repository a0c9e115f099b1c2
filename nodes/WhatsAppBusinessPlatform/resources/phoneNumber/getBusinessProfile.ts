import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberTarget, show } from './fields';

export const PROFILE_FIELDS = ['about', 'address', 'description', 'email', 'profile_picture_url', 'vertical', 'websites'];

export const getBusinessProfile: INodeProperties[] = [
	...phoneNumberTarget('getBusinessProfile', 'The phone number whose business profile to read'),
	{
		displayName: 'Fields',
		name: 'profileFields',
		type: 'multiOptions',
		default: [...PROFILE_FIELDS],
		description: 'Which parts of the profile to read',
		displayOptions: { show: show('getBusinessProfile') },
		options: PROFILE_FIELDS.map((field) => ({
			name: field.replace(/_/g, ' ').replace(/^./, (first) => first.toUpperCase()).replace(/\burl\b/i, 'URL'),
			value: field,
		})),
		routing: { send: { type: 'query', property: 'fields', value: '={{ $value.join(",") }}' } },
	},
];
