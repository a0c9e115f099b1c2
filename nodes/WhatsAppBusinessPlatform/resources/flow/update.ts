import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../shared/transport';
import { InputError } from '../../shared/validation';
import { checkGraphId, requireHttpsUrl } from './checks';
import { FLOW_CATEGORIES, flowIdField, flowIdOf, show } from './fields';

export const updateFlow: INodeProperties[] = [
	flowIdField(['update'], 'The Flow whose name, categories or endpoint to change.'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: show('update') },
		options: [
			{ displayName: 'Application ID', name: 'applicationId', type: 'string', default: '', description: 'The Meta app whose endpoint keys the Flow uses' },
			{ displayName: 'Categories', name: 'categories', type: 'multiOptions', default: [], options: FLOW_CATEGORIES.map(([value, name]) => ({ name, value })), description: 'What the Flow is for' },
			{ displayName: 'Endpoint URL', name: 'endpointUri', type: 'string', default: '', placeholder: 'https://example.com/flow-endpoint', description: 'Your server that gives the Flow its data (HTTPS)' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'A new name, unique within the account' },
		],
	},
];

export async function update(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const flowId = flowIdOf(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.name !== undefined && String(fields.name).trim()) body.name = String(fields.name).trim();
	if (Array.isArray(fields.categories) && fields.categories.length) body.categories = fields.categories;
	if (fields.endpointUri) body.endpoint_uri = requireHttpsUrl('Endpoint URL', fields.endpointUri);
	if (fields.applicationId) {
		checkGraphId('Application ID', String(fields.applicationId));
		body.application_id = String(fields.applicationId);
	}
	if (!Object.keys(body).length) throw new InputError('Update Fields', 'add at least one field to change');
	const answer = (await graphRequest.call(this, { method: 'POST', url: `/${flowId}`, body, safeToRepeat: true, itemIndex })) as IDataObject;
	return [{ json: { ...answer, flowId } }];
}
