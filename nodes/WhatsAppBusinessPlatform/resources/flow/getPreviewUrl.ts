import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../shared/transport';
import { flowIdField, flowIdOf, show } from './fields';

export const getFlowPreviewUrl: INodeProperties[] = [
	flowIdField(['getPreviewUrl'], 'The Flow to preview.'),
	{
		displayName: 'New Link',
		name: 'invalidate',
		type: 'boolean',
		default: false,
		description: 'Whether to make a new preview link and stop the old one working (links expire after 30 days anyway)',
		displayOptions: { show: show('getPreviewUrl') },
	},
];

export async function getPreviewUrl(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const flowId = flowIdOf(this, itemIndex);
	const invalidate = this.getNodeParameter('invalidate', itemIndex, false) as boolean;
	const answer = (await graphRequest.call(this, { url: `/${flowId}`, qs: { fields: `preview.invalidate(${invalidate})` }, itemIndex })) as IDataObject;
	const preview = (answer.preview ?? {}) as IDataObject;
	return [{ json: { flowId, preview_url: preview.preview_url ?? null, expires_at: preview.expires_at ?? null } }];
}
