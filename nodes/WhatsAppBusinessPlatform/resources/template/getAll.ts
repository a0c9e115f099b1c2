import type { INodeProperties } from 'n8n-workflow';

import { listFields } from '../../shared/commonFields';
import { wabaLocator } from '../../shared/locatorFields';
import { TEMPLATE_CATEGORY_OPTIONS } from './create';
import { templateFieldOptions } from './get';

const show = { resource: ['template'], operation: ['getAll'] };

const STATUSES = ['APPROVED', 'ARCHIVED', 'DELETED', 'DISABLED', 'IN_APPEAL', 'LIMIT_EXCEEDED', 'PAUSED', 'PENDING', 'PENDING_DELETION', 'REJECTED'];
const titleCase = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');

export const getAllTemplates: INodeProperties[] = [
	wabaLocator(show, 'The WhatsApp Business Account whose templates to list'),
	...listFields('template', 'getAll'),
	{
		displayName: 'Filters',
		name: 'templateFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Category',
				name: 'category',
				type: 'options',
				default: 'MARKETING',
				options: TEMPLATE_CATEGORY_OPTIONS,
				routing: { send: { type: 'query', property: 'category' } },
			},
			{
				displayName: 'Content',
				name: 'content',
				type: 'string',
				default: '',
				description: 'Only templates whose text contains this',
				routing: { send: { type: 'query', property: 'content' } },
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'en_US',
				description: 'Only templates in this language',
				routing: { send: { type: 'query', property: 'language' } },
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only templates whose name contains this',
				routing: { send: { type: 'query', property: 'name' } },
			},
			{
				displayName: 'Quality Score',
				name: 'qualityScore',
				type: 'options',
				default: 'GREEN',
				options: [
					{ name: 'Green (High)', value: 'GREEN' },
					{ name: 'Yellow (Medium)', value: 'YELLOW' },
					{ name: 'Red (Low)', value: 'RED' },
					{ name: 'Unknown', value: 'UNKNOWN' },
				],
				routing: { send: { type: 'query', property: 'quality_score' } },
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'APPROVED',
				options: STATUSES.map((status) => ({ name: titleCase(status), value: status })),
				routing: { send: { type: 'query', property: 'status' } },
			},
		],
	},
	{
		displayName: 'Fields',
		name: 'templateFields',
		type: 'multiOptions',
		default: ['id', 'name', 'language', 'status', 'category', 'components', 'parameter_format'],
		description: 'Which details of each template to read',
		options: templateFieldOptions,
		displayOptions: { show },
		routing: { send: { type: 'query', property: 'fields', value: '={{ $value.join(",") }}' } },
	},
];
