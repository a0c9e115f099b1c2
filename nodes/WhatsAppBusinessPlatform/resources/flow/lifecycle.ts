import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { graphRequest } from '../../shared/transport';
import { flowIdOf } from './fields';

/** Publish, deprecate and delete: one call on the Flow, answered with {success} and the Flow's ID. */
export function lifecycleStep(method: 'POST' | 'DELETE', edge: string | undefined) {
	return async function (this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
		const flowId = flowIdOf(this, itemIndex);
		const answer = (await graphRequest.call(this, { method, url: edge ? `/${flowId}/${edge}` : `/${flowId}`, itemIndex })) as IDataObject;
		return [{ json: { ...answer, flowId } }];
	};
}
