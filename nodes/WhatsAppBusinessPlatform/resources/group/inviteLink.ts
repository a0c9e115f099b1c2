import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { groupIdField, groupIdOf, groupRequest } from './fields';

export const getInviteLinkFields: INodeProperties[] = [groupIdField(['getInviteLink'], 'The group whose invite link to read.')];
export const resetInviteLinkFields: INodeProperties[] = [groupIdField(['resetInviteLink'], 'The group whose invite link to replace. The old link stops working.')];

export async function getInviteLink(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const groupId = groupIdOf(this, itemIndex);
	return [{ json: { ...(await groupRequest(this, { url: `/${groupId}/invite_link`, itemIndex })), groupId } }];
}

/** A new link each time: not repeated after an unclear outcome, since a second reset would replace the first new link. */
export async function resetInviteLink(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const groupId = groupIdOf(this, itemIndex);
	const answer = await groupRequest(this, { method: 'POST', url: `/${groupId}/invite_link`, body: { messaging_product: 'whatsapp' }, itemIndex });
	return [{ json: { ...answer, groupId } }];
}
