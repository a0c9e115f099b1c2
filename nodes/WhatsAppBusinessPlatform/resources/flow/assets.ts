import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { graphRequest } from '../../shared/transport';

/** Uploads Flow JSON as the Flow's flow.json asset (multipart, as Meta documents); answers {success, validation_errors}. */
export async function uploadFlowJson(context: IExecuteFunctions, itemIndex: number, flowId: string, flowJson: string): Promise<IDataObject> {
	const form = new FormData();
	form.append('name', 'flow.json');
	form.append('asset_type', 'FLOW_JSON');
	form.append('file', new Blob([flowJson], { type: 'application/json' }), 'flow.json');
	// Uploading the same JSON again leaves the same draft.
	return (await graphRequest.call(context, { method: 'POST', url: `/${flowId}/assets`, body: form as unknown as IDataObject, safeToRepeat: true, itemIndex })) as IDataObject;
}
