import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listFields, listLimit } from '../../shared/commonFields';
import { wabaLocator } from '../../shared/locatorFields';
import { graphRequestAllItems } from '../../shared/transport';
import { show } from './fields';

export const getAllFlows: INodeProperties[] = [wabaLocator(show('getAll'), 'The WhatsApp Business Account whose Flows to list'), ...listFields('flow', 'getAll')];

export async function getAll(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const wabaId = String(this.getNodeParameter('wabaId', itemIndex, '', { extractValue: true }));
	const limit = listLimit(this, itemIndex);
	const flows = await graphRequestAllItems.call(this, { url: `/${wabaId}/flows`, itemIndex }, limit);
	return flows.map((json) => ({ json }));
}
