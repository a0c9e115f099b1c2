import type { INodeProperties } from 'n8n-workflow';

import { wabaLocator } from '../../shared/locatorFields';

const show = { resource: ['account'], operation: ['get'] };

/** Every readable field of a WhatsApp Business Account, from Meta's code-generation spec. */
export const WABA_FIELDS = [
	'account_review_status',
	'auth_international_rate_eligibility',
	'business_verification_status',
	'country',
	'creation_time',
	'currency',
	'disable_marketing_messages_on_cloud_api',
	'health_status',
	'id',
	'is_enabled_for_insights',
	'is_shared_with_partners',
	'linked_commerce_account',
	'marketing_messages_lite_api_status',
	'marketing_messages_onboarding_status',
	'message_template_namespace',
	'name',
	'on_behalf_of_business_info',
	'owner_business',
	'owner_business_info',
	'ownership_type',
	'primary_business_location',
	'primary_funding_id',
	'purchase_order_number',
	'status',
	'template_auto_archival_enabled',
	'timezone_id',
	'whatsapp_business_manager_messaging_limit',
];

const toName = (field: string) =>
	field.replace(/_/g, ' ').replace(/^./, (first) => first.toUpperCase()).replace(/\bid\b/i, 'ID');

export const getAccount: INodeProperties[] = [
	wabaLocator(show),
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		default: ['id', 'name', 'timezone_id', 'message_template_namespace', 'account_review_status', 'currency'],
		description: 'Which details of the account to read',
		options: WABA_FIELDS.map((field) => ({ name: toName(field), value: field })),
		displayOptions: { show },
		routing: { send: { type: 'query', property: 'fields', value: '={{ $value.join(",") }}' } },
	},
];
