import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { wabaLocator } from '../../shared/locatorFields';
import { graphRequest } from '../../shared/transport';
import { InputError } from '../../shared/validation';
import { checkGraphId, checkRequired, requireHttpsUrl } from './checks';
import { categoriesField, checkValidation, failOnValidationErrorsField, flowJsonOf, flowJsonSourceFields, show } from './fields';

export const createFlow: INodeProperties[] = [
	wabaLocator(show('create'), 'The WhatsApp Business Account the Flow belongs to'),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Appointment booking',
		description: 'The Flow\'s name, unique within the account',
		displayOptions: { show: show('create') },
	},
	categoriesField(['create'], true),
	...flowJsonSourceFields(['create'], true),
	failOnValidationErrorsField(['create']),
	{
		displayName: 'Options',
		name: 'flowOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: show('create') },
		options: [
			{ displayName: 'Clone From Flow ID', name: 'cloneFlowId', type: 'string', default: '', description: 'Start from a copy of this existing Flow' },
			{ displayName: 'Endpoint URL', name: 'endpointUri', type: 'string', default: '', placeholder: 'https://example.com/flow-endpoint', description: 'Your server that gives the Flow its data (HTTPS), for Flows with a data endpoint' },
			{ displayName: 'Publish', name: 'publish', type: 'boolean', default: false, description: 'Whether to publish the Flow right away (needs Flow JSON without problems); published Flows cannot be changed' },
		],
	},
];

export async function create(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const wabaId = String(this.getNodeParameter('wabaId', itemIndex, '', { extractValue: true }));
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	const categories = this.getNodeParameter('categories', itemIndex, []) as string[];
	const options = this.getNodeParameter('flowOptions', itemIndex, {}) as IDataObject;
	checkRequired('Name', name);
	if (!categories.length) throw new InputError('Categories', 'pick at least one category');
	if (options.cloneFlowId) checkGraphId('Clone From Flow ID', String(options.cloneFlowId));
	if (options.endpointUri) requireHttpsUrl('Endpoint URL', options.endpointUri);
	const flowJson = await flowJsonOf(this, itemIndex);
	const body: IDataObject = {
		name,
		categories,
		...(options.cloneFlowId ? { clone_flow_id: String(options.cloneFlowId) } : {}),
		...(options.endpointUri ? { endpoint_uri: String(options.endpointUri) } : {}),
		...(flowJson !== undefined ? { flow_json: flowJson } : {}),
		...(options.publish ? { publish: true } : {}),
	};
	const answer = (await graphRequest.call(this, { method: 'POST', url: `/${wabaId}/flows`, body, itemIndex })) as IDataObject;
	checkValidation(this, itemIndex, answer, String(answer.id ?? ''));
	return [{ json: { ...answer, wabaId } }];
}
