import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../shared/transport';
import { flowIdField, flowIdOf, show } from './fields';

const FLOW_FIELDS = ['application', 'categories', 'data_api_version', 'endpoint_uri', 'health_status', 'id', 'json_version', 'name', 'preview', 'status', 'validation_errors', 'whatsapp_business_account'];

export const getFlow: INodeProperties[] = [
	flowIdField(['get'], 'The Flow to read.'),
	{
		displayName: 'Fields',
		name: 'flowFields',
		type: 'multiOptions',
		default: ['id', 'name', 'categories', 'status', 'validation_errors', 'json_version', 'endpoint_uri', 'health_status'],
		description: 'Which details of the Flow to read',
		displayOptions: { show: show('get') },
		options: FLOW_FIELDS.map((field) => ({ name: field.replace(/_/g, ' ').replace(/^./, (first) => first.toUpperCase()).replace(/\b(id|uri|api|json)\b/gi, (word) => word.toUpperCase()), value: field })),
	},
];

export async function get(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const fields = (this.getNodeParameter('flowFields', itemIndex, []) as string[]).join(',');
	const flow = (await graphRequest.call(this, { url: `/${flowIdOf(this, itemIndex)}`, qs: fields ? { fields } : {}, itemIndex })) as IDataObject;
	return [{ json: flow }];
}
