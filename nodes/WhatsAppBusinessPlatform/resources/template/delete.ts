import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { wabaLocator } from '../../shared/locatorFields';
import { graphRequest } from '../../shared/transport';
import { checkRequired, validated } from '../../shared/validation';
import { parameterValue } from '../../shared/output';
import { templateLocator } from './templateLocator';

const show = { resource: ['template'], operation: ['delete'] };

/**
 * Meta deletes by name (all languages) or by ID and name (one language). For the latter the
 * user picks the template; its name is looked up (through the transport) when not given.
 */
export async function buildDeleteTemplateQuery(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const deleteBy = this.getNodeParameter('deleteBy', 'name') as string;
	const qs: IDataObject = { ...(requestOptions.qs ?? {}) };
	if (deleteBy === 'name') {
		const name = String(this.getNodeParameter('templateName', '') ?? '').trim();
		validated(this, () => checkRequired('Template Name', name));
		qs.name = name;
	} else {
		const templateId = parameterValue(this, 'templateId');
		validated(this, () => checkRequired('Template', templateId));
		const template = (await graphRequest.call(this, { url: `/${templateId}`, qs: { fields: 'id,name' }, itemIndex: this.getItemIndex() })) as IDataObject;
		qs.hsm_id = templateId;
		qs.name = String(template.name ?? '');
	}
	requestOptions.qs = qs;
	return requestOptions;
}

/** `{success}` plus what was deleted; for one language, the name is read back from the template. */
export async function describeDeletedTemplate(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const deleteBy = this.getNodeParameter('deleteBy', 'name') as string;
	const added: IDataObject = { wabaId: parameterValue(this, 'wabaId') };
	if (deleteBy === 'name') {
		added.name = String(this.getNodeParameter('templateName', '') ?? '').trim();
		added.allLanguages = true;
	} else {
		added.templateId = parameterValue(this, 'templateId');
		added.allLanguages = false;
	}
	return items.map((item) => ({ ...item, json: { ...item.json, ...added } }));
}

export const deleteTemplate: INodeProperties[] = [
	wabaLocator(show, 'The WhatsApp Business Account the template belongs to'),
	{
		displayName: 'Delete',
		name: 'deleteBy',
		type: 'options',
		default: 'name',
		description: 'A deleted name cannot be used again for 30 days',
		displayOptions: { show },
		options: [
			{ name: 'All Languages of a Template Name', value: 'name' },
			{ name: 'One Language Version', value: 'id' },
		],
	},
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'order_shipped',
		description: 'The name of the template; every language version with this name is deleted',
		displayOptions: { show: { ...show, deleteBy: ['name'] } },
	},
	templateLocator({ ...show, deleteBy: ['id'] }, 'The language version to delete'),
];
