import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { wabaLocator } from '../../shared/locatorFields';
import { textParameter, validated } from '../../shared/validation';
import { checkTemplate } from './checks';
import { componentFields, componentsFromParameters } from './components';

const show = { resource: ['template'], operation: ['create'] };

export const TEMPLATE_CATEGORY_OPTIONS = [
	{ name: 'Authentication', value: 'AUTHENTICATION', description: 'One-time passwords and login codes' },
	{ name: 'Marketing', value: 'MARKETING', description: 'Promotions, offers, news' },
	{ name: 'Utility', value: 'UTILITY', description: 'Updates about an order, account or booking the customer has' },
];

/** Builds the create body from the UI fields or JSON, and checks Meta's limits before sending. */
export async function buildCreateTemplateBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const category = this.getNodeParameter('category', 'UTILITY') as string;
	const options = this.getNodeParameter('createOptions', {}) as IDataObject;
	const body = validated(this, () => {
		const name = textParameter(this, 'name', 'Name').trim();
		const language = textParameter(this, 'language', 'Language', 'en_US').trim();
		const components = componentsFromParameters(this, category);
		const format = checkTemplate({ name, category, language, components, parameterFormat: options.parameterFormat as string | undefined });
		const result: IDataObject = { name, language, category, components };
		if (format ?? options.parameterFormat) result.parameter_format = format ?? options.parameterFormat;
		if (options.allowCategoryChange !== undefined) result.allow_category_change = options.allowCategoryChange;
		if (options.messageSendTtlSeconds) result.message_send_ttl_seconds = Number(options.messageSendTtlSeconds);
		return result;
	});
	requestOptions.body = body;
	return requestOptions;
}

export const createTemplate: INodeProperties[] = [
	wabaLocator(show, 'The WhatsApp Business Account the template belongs to'),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'order_shipped',
		description: 'Lowercase letters, digits and underscores only (up to 512). The same name can exist once per language.',
		displayOptions: { show },
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		default: 'UTILITY',
		description: 'What the template is for; Meta may move it to another category when reviewing it',
		displayOptions: { show },
		options: TEMPLATE_CATEGORY_OPTIONS,
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		required: true,
		default: 'en_US',
		placeholder: 'en_US',
		description: 'The language code of the text, such as en_US, es_ES or pt_BR',
		displayOptions: { show },
	},
	{
		displayName: 'Define Content',
		name: 'componentsSource',
		type: 'options',
		default: 'fields',
		description: 'Build the template from fields, or paste its components as JSON',
		displayOptions: { show },
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
	},
	...componentFields(show, { ...show, category: ['AUTHENTICATION'] }),
	{
		displayName: 'Options',
		name: 'createOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Allow Category Change',
				name: 'allowCategoryChange',
				type: 'boolean',
				default: true,
				description: 'Whether Meta may assign another category instead of rejecting the template when the chosen one does not fit',
			},
			{
				displayName: 'Message Time to Live (Seconds)',
				name: 'messageSendTtlSeconds',
				type: 'number',
				typeOptions: { minValue: 30 },
				default: 86400,
				description: 'How long WhatsApp keeps trying to deliver a message sent with this template',
			},
			{
				displayName: 'Parameter Format',
				name: 'parameterFormat',
				type: 'options',
				default: 'POSITIONAL',
				description: 'Numbered ({{1}}) or named ({{first_name}}) variables. Detected from the text when left out.',
				options: [
					{ name: 'Numbered', value: 'POSITIONAL' },
					{ name: 'Named', value: 'NAMED' },
				],
			},
		],
	},
];
