import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ResourceHints } from '../../shared/errorHints';
import { explainRefusals } from '../../shared/refusals';
import { graphRequest, type GraphRequest } from '../../shared/transport';
import { userNumberDigits } from '../../shared/userNumber';
import { checkMaxLength, checkPattern, checkRequired, InputError } from '../../shared/validation';

/** Meta's limits (Groups API): subject ≤128 characters (trimmed), description ≤2048, 8 participants per group. */
export const GROUP_LIMITS = { subject: 128, description: 2048, participants: 8 };

export const show = (operation: string | string[]) => ({ resource: ['group'], operation: Array.isArray(operation) ? operation : [operation] });

export const groupIdField = (operations: string[], description: string): INodeProperties => ({
	displayName: 'Group ID',
	name: 'groupId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD',
	description: `${description} Group → Get Many lists a number's groups; the trigger's group events carry it too`,
	displayOptions: { show: show(operations) },
});

export function groupIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const groupId = String(context.getNodeParameter('groupId', itemIndex, '')).trim();
	checkRequired('Group ID', groupId);
	checkPattern('Group ID', groupId, /^[A-Za-z0-9_=-]{8,200}$/, `"${groupId}" is not a group ID (a long code of letters and digits, e.g. Y2FwaV9ncm91cDox…)`);
	return groupId;
}

export function checkedSubject(value: unknown): string {
	const subject = String(value ?? '').trim();
	checkRequired('Subject', subject);
	checkMaxLength('Subject', subject, GROUP_LIMITS.subject);
	return subject;
}

export function checkedDescription(value: unknown): string {
	const description = String(value ?? '');
	checkMaxLength('Description', description, GROUP_LIMITS.description);
	return description;
}

/** A list of phone numbers or WhatsApp IDs, at most 8 (a group's size). */
export function checkedParticipants(value: unknown): string[] {
	const raw = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[,\n]/);
	const users = raw.map((user) => user.trim()).filter(Boolean);
	if (!users.length) throw new InputError('Participants', 'give at least one phone number');
	if (users.length > GROUP_LIMITS.participants) throw new InputError('Participants', `at most ${GROUP_LIMITS.participants} per request (a group has at most ${GROUP_LIMITS.participants} participants), got ${users.length}`);
	const seen = new Set<string>();
	for (const user of users) {
		const digits = userNumberDigits('Participants', user);
		if (seen.has(digits)) throw new InputError('Participants', `"${user}" is listed twice`);
		seen.add(digits);
	}
	return users;
}

/** What Meta's group refusals mean (Groups API error codes), and what to do. */
export const GROUP_REFUSALS: ResourceHints = {
	10: {
		title: 'This phone number cannot use the Groups API',
		action: 'Groups are open to Official Business Accounts only (not WhatsApp Business app numbers, not Multi-solution Conversations numbers). Apply for an Official Business Account for this number in WhatsApp Manager, or use an eligible number.',
	},
	131059: { title: 'The list\'s cursor expired', action: 'Run the node again to list from the start.' },
	131202: { title: 'A participant is listed twice', action: 'List each participant once.' },
	131204: { title: 'Too many participants', action: `A group has at most ${GROUP_LIMITS.participants} participants.` },
	131207: { title: 'The group is suspended', action: 'It broke WhatsApp\'s policies; it can no longer be changed or messaged.' },
	131208: { title: 'Too many group operations', action: 'Wait a little and run again, or spread group changes out.' },
	131209: { title: 'The group picture is not square', action: 'Use a square JPEG picture (same width and height).' },
	131210: { title: 'The group picture is too small', action: 'Use a picture larger than 192 × 192 pixels.' },
	131211: { title: 'This number has reached its group limit', action: 'A number can create at most 10,000 groups. Delete groups it no longer needs.' },
	131212: { title: 'Participant is not in the group', action: 'Read the group\'s participants (Group → Get) and remove only those.' },
};

/** A Graph call on groups, with Meta's group refusals explained. */
export async function groupRequest(context: IExecuteFunctions, request: GraphRequest): Promise<IDataObject> {
	return await explainRefusals(async () => (await graphRequest.call(context, request)) as IDataObject, GROUP_REFUSALS);
}
