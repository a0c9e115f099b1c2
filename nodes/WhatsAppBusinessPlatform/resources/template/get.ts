import type { INodeProperties } from 'n8n-workflow';

import { wabaLocator } from '../../shared/locatorFields';
import { templateLocator } from './templateLocator';

const show = { resource: ['template'], operation: ['get'] };

export const TEMPLATE_FIELDS = [
	'category',
	'components',
	'id',
	'language',
	'message_send_ttl_seconds',
	'name',
	'parameter_format',
	'previous_category',
	'quality_score',
	'rejected_reason',
	'status',
];

export const templateFieldOptions = TEMPLATE_FIELDS.map((field) => ({
	name: field.replace(/_/g, ' ').replace(/^./, (first) => first.toUpperCase()).replace(/\bid\b/i, 'ID'),
	value: field,
}));

export const getTemplate: INodeProperties[] = [
	wabaLocator(show, 'The WhatsApp Business Account to pick the template from'),
	templateLocator(show),
	{
		displayName: 'Fields',
		name: 'templateFields',
		type: 'multiOptions',
		default: ['id', 'name', 'language', 'status', 'category', 'components', 'parameter_format'],
		description: 'Which details of the template to read',
		options: templateFieldOptions,
		displayOptions: { show },
		routing: { send: { type: 'query', property: 'fields', value: '={{ $value.join(",") }}' } },
	},
];
