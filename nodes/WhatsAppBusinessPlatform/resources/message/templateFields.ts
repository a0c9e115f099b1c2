import type { INodeProperties } from 'n8n-workflow';

const MEDIA_TYPES = ['image', 'video', 'document'];

export function templateFields(show: Record<string, string[]>): INodeProperties[] {
	const fieldsMode = { ...show, templateParameterInput: ['fields'] };
	return [
		{
			displayName: 'Template',
			name: 'template',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			description: 'An approved template of the WhatsApp Business Account, by name and language',
			displayOptions: { show },
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: 'searchTemplatesForSending', searchable: true },
				},
				{
					displayName: 'Name|Language',
					name: 'nameLanguage',
					type: 'string',
					placeholder: 'order_shipped|en_US',
					validation: [
						{
							type: 'regex',
							properties: { regex: '^[a-z0-9_]+\\|[A-Za-z_]+$', errorMessage: 'Give the template name and language code separated by |, e.g. order_shipped|en_US' },
						},
					],
				},
			],
		},
		{
			displayName: 'Parameters Input',
			name: 'templateParameterInput',
			type: 'options',
			default: 'fields',
			options: [
				{ name: 'Fields', value: 'fields', description: 'Header, body and button parameters one by one' },
				{ name: 'JSON Components', value: 'json', description: 'Meta\'s components array as JSON' },
			],
			displayOptions: { show },
		},
		{
			displayName: 'Components (JSON)',
			name: 'templateComponentsJson',
			type: 'json',
			default: '[{"type":"body","parameters":[{"type":"text","text":"Ana"}]}]',
			description: 'The template\'s components with their parameters, as in Meta\'s API reference',
			displayOptions: { show: { ...show, templateParameterInput: ['json'] } },
		},
		{
			displayName: 'Header Parameter',
			name: 'headerParameter',
			type: 'fixedCollection',
			default: {},
			placeholder: 'Add Header Parameter',
			description: 'The value of the header\'s variable or media, when the template has one',
			displayOptions: { show: fieldsMode },
			options: [
				{
					displayName: 'Header',
					name: 'parameter',
					values: [
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							default: 'text',
							options: [
								{ name: 'Text', value: 'text' },
								{ name: 'Image', value: 'image' },
								{ name: 'Video', value: 'video' },
								{ name: 'Document', value: 'document' },
								{ name: 'Location', value: 'location' },
							],
						},
						{ displayName: 'Parameter Name', name: 'parameterName', type: 'string', default: '', description: 'For templates with named parameters' },
						{ displayName: 'Text', name: 'text', type: 'string', default: '', displayOptions: { show: { type: ['text'] } } },
						{
							displayName: 'Media Source',
							name: 'mediaSource',
							type: 'options',
							default: 'id',
							options: [
								{ name: 'Media ID', value: 'id' },
								{ name: 'Link', value: 'link' },
								{ name: 'Binary Data', value: 'binary' },
							],
							displayOptions: { show: { type: MEDIA_TYPES } },
						},
						{ displayName: 'Media ID', name: 'mediaId', type: 'string', default: '', displayOptions: { show: { type: MEDIA_TYPES, mediaSource: ['id'] } } },
						{ displayName: 'Link', name: 'mediaLink', type: 'string', default: '', displayOptions: { show: { type: MEDIA_TYPES, mediaSource: ['link'] } } },
						{
							displayName: 'Input Binary Field',
							name: 'binaryPropertyName',
							type: 'string',
							default: 'data',
							displayOptions: { show: { type: MEDIA_TYPES, mediaSource: ['binary'] } },
						},
						{ displayName: 'Latitude', name: 'latitude', type: 'number', typeOptions: { numberPrecision: 7 }, default: 0, displayOptions: { show: { type: ['location'] } } },
						{ displayName: 'Longitude', name: 'longitude', type: 'number', typeOptions: { numberPrecision: 7 }, default: 0, displayOptions: { show: { type: ['location'] } } },
						{ displayName: 'Location Name', name: 'locationName', type: 'string', default: '', displayOptions: { show: { type: ['location'] } } },
						{ displayName: 'Location Address', name: 'locationAddress', type: 'string', default: '', displayOptions: { show: { type: ['location'] } } },
					],
				},
			],
		},
		{
			displayName: 'Body Parameters',
			name: 'bodyParameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			default: {},
			placeholder: 'Add Body Parameter',
			description: 'One per variable of the body, in order ({{1}}, {{2}}, …) or by name for named templates',
			displayOptions: { show: fieldsMode },
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							default: 'text',
							options: [
								{ name: 'Text', value: 'text' },
								{ name: 'Currency', value: 'currency' },
								{ name: 'Date and Time', value: 'date_time' },
							],
						},
						{ displayName: 'Parameter Name', name: 'parameterName', type: 'string', default: '', description: 'For templates with named parameters, e.g. first_name' },
						{ displayName: 'Text', name: 'text', type: 'string', default: '', displayOptions: { show: { type: ['text'] } } },
						{ displayName: 'Currency Code', name: 'currencyCode', type: 'string', default: 'USD', displayOptions: { show: { type: ['currency'] } } },
						{ displayName: 'Amount', name: 'amount', type: 'number', typeOptions: { numberPrecision: 3 }, default: 0, displayOptions: { show: { type: ['currency'] } } },
						{
							displayName: 'Fallback Value',
							name: 'fallbackValue',
							type: 'string',
							default: '',
							description: 'The text shown to the customer, e.g. "$12.50" or "May 1, 2025"',
							displayOptions: { show: { type: ['currency', 'date_time'] } },
						},
					],
				},
			],
		},
		{
			displayName: 'Button Parameters',
			name: 'buttonParameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Button Parameter',
			description: 'Values for buttons that take one: a quick reply\'s payload, a URL button\'s suffix, a coupon code',
			displayOptions: { show: fieldsMode },
			options: [
				{
					displayName: 'Button',
					name: 'button',
					values: [
						{ displayName: 'Index', name: 'index', type: 'number', typeOptions: { minValue: 0, maxValue: 9 }, default: 0, description: 'The button\'s position in the template, from 0' },
						{
							displayName: 'Button Type',
							name: 'subType',
							type: 'options',
							default: 'quick_reply',
							options: [
								{ name: 'Quick Reply (Payload)', value: 'quick_reply' },
								{ name: 'URL (Text Suffix)', value: 'url' },
								{ name: 'Copy Code (Coupon Code)', value: 'copy_code' },
								{ name: 'Flow (Flow Token)', value: 'flow' },
							],
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
	];
}
