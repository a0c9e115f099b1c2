import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkedParticipants, GROUP_LIMITS, groupIdField, groupIdOf, groupRequest, show } from './fields';

export const removeParticipantsFields: INodeProperties[] = [
	groupIdField(['removeParticipants'], 'The group to remove people from.'),
	{
		displayName: 'Participants',
		name: 'participants',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+16505551234, +447700900123',
		description: `Phone numbers (with country code) or WhatsApp IDs of the people to remove, separated by commas; at most ${GROUP_LIMITS.participants}`,
		displayOptions: { show: show('removeParticipants') },
	},
];

export async function removeParticipants(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const groupId = groupIdOf(this, itemIndex);
	const users = checkedParticipants(this.getNodeParameter('participants', itemIndex, ''));
	const answer = await groupRequest(this, {
		method: 'DELETE',
		url: `/${groupId}/participants`,
		body: { messaging_product: 'whatsapp', participants: users.map((user) => ({ user })) },
		itemIndex,
	});
	return [{ json: { ...(answer as IDataObject), groupId, participants: users } }];
}
