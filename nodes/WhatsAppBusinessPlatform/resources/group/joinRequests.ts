import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listFields, listLimit } from '../../shared/commonFields';
import { hintFor } from '../../shared/errorHints';
import { splitList } from '../../shared/output';
import { graphRequestAllItems } from '../../shared/transport';
import { InputError } from '../../shared/validation';
import { GROUP_REFUSALS, groupIdField, groupIdOf, groupRequest, show } from './fields';

export const getJoinRequestsFields: INodeProperties[] = [groupIdField(['getJoinRequests'], 'The group whose open join requests to list.'), ...listFields('group', 'getJoinRequests')];

const joinRequestIdsField = (operation: string, description: string): INodeProperties => ({
	displayName: 'Join Request IDs',
	name: 'joinRequestIds',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'MTY0NjcwNDM1OTU6MTIwMzYzNDA0Njk0MjMzODIw',
	description: `${description} IDs from Get Join Requests or the trigger's join request events, separated by commas`,
	displayOptions: { show: show(operation) },
});

export const approveJoinRequestsFields: INodeProperties[] = [groupIdField(['approveJoinRequests'], 'The group to let people into.'), joinRequestIdsField('approveJoinRequests', 'Who to let in.')];
export const rejectJoinRequestsFields: INodeProperties[] = [groupIdField(['rejectJoinRequests'], 'The group whose join requests to turn down.'), joinRequestIdsField('rejectJoinRequests', 'Whose requests to turn down.')];

export async function getJoinRequests(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const groupId = groupIdOf(this, itemIndex);
	const limit = listLimit(this, itemIndex);
	const requests = await graphRequestAllItems.call(this, { url: `/${groupId}/join_requests`, itemIndex }, limit);
	return requests.map((json) => ({ json: { ...json, groupId } }));
}

/** Approves (POST) or rejects (DELETE) join requests; one item per request, with Meta's reason where one failed. */
async function answerJoinRequests(context: IExecuteFunctions, itemIndex: number, method: 'POST' | 'DELETE'): Promise<INodeExecutionData[]> {
	const groupId = groupIdOf(context, itemIndex);
	const ids = splitList(context.getNodeParameter('joinRequestIds', itemIndex, ''));
	if (!ids.length) throw new InputError('Join Request IDs', 'give at least one join request ID');
	const answer = await groupRequest(context, { method, url: `/${groupId}/join_requests`, body: { messaging_product: 'whatsapp', join_requests: ids }, safeToRepeat: true, itemIndex });
	const doneKey = method === 'POST' ? 'approved' : 'rejected';
	const done = new Set(((answer[`${doneKey}_join_requests`] ?? []) as string[]).map(String));
	const failed = new Map(((answer.failed_join_requests ?? []) as IDataObject[]).map((entry) => [String(entry.join_request_id), ((entry.errors ?? []) as IDataObject[])[0] ?? {}]));
	return ids.map((id) => {
		const error = failed.get(id);
		if (!error) return { json: { groupId, join_request_id: id, [doneKey]: done.has(id) } };
		const code = typeof error.code === 'number' ? error.code : undefined;
		const hint = hintFor(code, undefined, undefined, GROUP_REFUSALS);
		return { json: { groupId, join_request_id: id, [doneKey]: false, error: { code: code ?? null, message: error.message ?? null, whatToDo: hint?.action ?? null } } };
	});
}

export async function approveJoinRequests(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return await answerJoinRequests(this, itemIndex, 'POST');
}

export async function rejectJoinRequests(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return await answerJoinRequests(this, itemIndex, 'DELETE');
}
