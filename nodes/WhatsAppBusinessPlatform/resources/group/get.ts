import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { groupIdField, groupIdOf, groupRequest, show } from './fields';

const GROUP_FIELDS: Array<[string, string]> = [
	['creation_timestamp', 'Creation Time'],
	['description', 'Description'],
	['join_approval_mode', 'Join Approval'],
	['participants', 'Participants'],
	['subject', 'Subject'],
	['suspended', 'Suspended'],
	['total_participant_count', 'Participant Count'],
];

export const getGroup: INodeProperties[] = [
	groupIdField(['get'], 'The group to read.'),
	{
		displayName: 'Fields',
		name: 'groupFields',
		type: 'multiOptions',
		default: ['subject', 'description', 'participants', 'total_participant_count', 'join_approval_mode'],
		description: 'Which details of the group to read',
		displayOptions: { show: show('get') },
		options: GROUP_FIELDS.map(([value, name]) => ({ name, value })),
	},
];

export async function get(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const fields = (this.getNodeParameter('groupFields', itemIndex, []) as string[]).join(',');
	return [{ json: await groupRequest(this, { url: `/${groupIdOf(this, itemIndex)}`, qs: fields ? { fields } : {}, itemIndex }) }];
}
