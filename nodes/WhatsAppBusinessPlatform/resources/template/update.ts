import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { wabaLocator } from '../../shared/locatorFields';
import { InputError, validated } from '../../shared/validation';
import { checkTemplate } from './checks';
import { componentFields, componentsFromParameters } from './components';
import { TEMPLATE_CATEGORY_OPTIONS } from './create';
import { templateLocator } from './templateLocator';

const show = { resource: ['template'], operation: ['update'] };

/** Builds the edit body (components, category, TTL) and checks Meta's limits before sending. */
export async function buildUpdateTemplateBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const source = this.getNodeParameter('componentsSource', 'keep') as string;
	const fields = this.getNodeParameter('templateUpdateFields', {}) as IDataObject;
	requestOptions.body = validated(this, () => {
		const body: IDataObject = {};
		if (fields.category) body.category = fields.category;
		if (fields.messageSendTtlSeconds) body.message_send_ttl_seconds = Number(fields.messageSendTtlSeconds);
		if (source !== 'keep') {
			const components = componentsFromParameters(this, fields.category as string | undefined);
			checkTemplate({ components, category: fields.category as string | undefined });
			body.components = components;
		}
		if (!Object.keys(body).length) throw new InputError('Update Fields', 'choose new content, a category or a time to live to change');
		return body;
	});
	return requestOptions;
}

export const updateTemplate: INodeProperties[] = [
	wabaLocator(show, 'The WhatsApp Business Account to pick the template from'),
	templateLocator(show, 'The template to edit. Its name and language cannot change; approved templates can be edited about once a day.'),
	{
		displayName: 'Content',
		name: 'componentsSource',
		type: 'options',
		default: 'keep',
		description: 'Whether to replace the template\'s header, body, footer and buttons. New content is reviewed by Meta again.',
		displayOptions: { show },
		options: [
			{ name: 'Keep Current Content', value: 'keep' },
			{ name: 'Replace Using Fields Below', value: 'fields' },
			{ name: 'Replace Using JSON', value: 'json' },
		],
	},
	...componentFields(show),
	{
		displayName: 'Update Fields',
		name: 'templateUpdateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Category',
				name: 'category',
				type: 'options',
				default: 'UTILITY',
				description: 'The new category (only for templates that are not approved yet)',
				options: TEMPLATE_CATEGORY_OPTIONS,
			},
			{
				displayName: 'Message Time to Live (Seconds)',
				name: 'messageSendTtlSeconds',
				type: 'number',
				typeOptions: { minValue: 30 },
				default: 86400,
				description: 'How long WhatsApp keeps trying to deliver a message sent with this template',
			},
		],
	},
];
