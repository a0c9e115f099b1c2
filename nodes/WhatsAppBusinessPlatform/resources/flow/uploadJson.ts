import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { uploadFlowJson } from './assets';
import { checkValidation, failOnValidationErrorsField, flowIdField, flowIdOf, flowJsonOf, flowJsonSourceFields } from './fields';

export const uploadFlowJsonFields: INodeProperties[] = [
	flowIdField(['uploadJson'], 'The draft Flow whose screens to replace.'),
	...flowJsonSourceFields(['uploadJson'], false),
	failOnValidationErrorsField(['uploadJson']),
];

export async function uploadJson(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const flowId = flowIdOf(this, itemIndex);
	const flowJson = (await flowJsonOf(this, itemIndex))!;
	const answer = await uploadFlowJson(this, itemIndex, flowId, flowJson);
	checkValidation(this, itemIndex, answer, flowId);
	return [{ json: { ...answer, flowId } }];
}
