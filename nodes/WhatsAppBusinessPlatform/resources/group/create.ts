import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdOf, phoneTarget } from '../../shared/phoneTarget';
import { checkedDescription, checkedSubject, GROUP_LIMITS, groupRequest, show } from './fields';

export const joinApprovalModeField = (operation: string): INodeProperties => ({
	displayName: 'Join Approval',
	name: 'joinApprovalMode',
	type: 'options',
	default: 'auto_approve',
	description: 'Whether people who open the invite link join at once or ask to join first',
	displayOptions: { show: show(operation) },
	options: [
		{ name: 'Join at Once', value: 'auto_approve', description: 'Anyone with the invite link joins' },
		{ name: 'Approve Each Request', value: 'approval_required', description: 'People ask to join; approve or reject them with Group → Approve / Reject Join Requests' },
	],
});

export const createGroup: INodeProperties[] = [
	...phoneTarget(show('create'), 'The business phone number that owns the group (it needs an Official Business Account)'),
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'New purchase inquiry',
		description: `The group's name, at most ${GROUP_LIMITS.subject} characters`,
		displayOptions: { show: show('create') },
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: `What the group is about, at most ${GROUP_LIMITS.description} characters`,
		displayOptions: { show: show('create') },
	},
	joinApprovalModeField('create'),
];

/** Meta creates the group in the background: the answer has a request ID; the group ID and invite link come with the group_lifecycle_update webhook. */
export async function create(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const phoneNumberId = phoneNumberIdOf(this, itemIndex);
	const subject = checkedSubject(this.getNodeParameter('subject', itemIndex, ''));
	const description = checkedDescription(this.getNodeParameter('description', itemIndex, ''));
	const joinApprovalMode = String(this.getNodeParameter('joinApprovalMode', itemIndex, 'auto_approve'));
	const answer = await groupRequest(this, {
		method: 'POST',
		url: `/${phoneNumberId}/groups`,
		body: { messaging_product: 'whatsapp', subject, ...(description ? { description } : {}), join_approval_mode: joinApprovalMode },
		itemIndex,
	});
	return [{ json: { ...answer, phoneNumberId, subject, join_approval_mode: joinApprovalMode } }];
}
