import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberLocator, wabaLocator } from '../../shared/locatorFields';

export const show = (operation: string) => ({ resource: ['phoneNumber'], operation: [operation] });

/** The WABA (to pick from its numbers) and the phone number an operation works on. */
export function phoneNumberTarget(operation: string, description?: string): INodeProperties[] {
	return [
		wabaLocator(show(operation), 'The WhatsApp Business Account whose phone numbers to pick from'),
		phoneNumberLocator(show(operation), description),
	];
}

export const PHONE_NUMBER_FIELDS = [
	'account_mode',
	'code_verification_status',
	'display_phone_number',
	'id',
	'is_official_business_account',
	'messaging_limit_tier',
	'name_status',
	'platform_type',
	'quality_rating',
	'status',
	'throughput',
	'verified_name',
];

export function phoneFieldsParameter(operation: string): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'phoneNumberFields',
		type: 'multiOptions',
		default: ['id', 'display_phone_number', 'verified_name', 'quality_rating', 'code_verification_status', 'status'],
		description: 'Which details of the phone number to read',
		displayOptions: { show: show(operation) },
		options: PHONE_NUMBER_FIELDS.map((field) => ({
			name: field.replace(/_/g, ' ').replace(/^./, (first) => first.toUpperCase()).replace(/\bid\b/i, 'ID'),
			value: field,
		})),
		routing: { send: { type: 'query', property: 'fields', value: '={{ $value.join(",") }}' } },
	};
}

/** A six-digit PIN field. */
export function pinParameter(operation: string, description: string): INodeProperties {
	return {
		displayName: 'PIN',
		name: 'pin',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: '123456',
		description,
		displayOptions: { show: show(operation) },
	};
}
