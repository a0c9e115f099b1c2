import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { hintFor, type ResourceHints } from '../../shared/errorHints';
import { phoneNumberIdOf } from '../../shared/phoneTarget';
import { splitList } from '../../shared/output';
import { graphRequest } from '../../shared/transport';
import { userNumberDigits } from '../../shared/userNumber';
import { InputError } from '../../shared/validation';

/** Meta's limits (Block Users guide): 1,000 users per request, 64,000 on a number's blocklist. */
export const MAX_USERS_PER_REQUEST = 1000;
/** "Failed to block/unblock some users": the answer still lists who was and was not blocked. */
const SOME_USERS_FAILED = 139100;
/** Per-user reasons whose general hint does not fit a blocklist. */
const BLOCKLIST_HINTS: ResourceHints = {
	131047: { title: 'The user cannot be blocked', action: 'Meta only blocks users who wrote to this number in the last 24 hours, and only WhatsApp users.' },
	131021: { title: 'The user is the business phone number itself', action: 'A business cannot block its own number: remove the business phone number from the users.' },
};

export const usersField = (operation: string, description: string): INodeProperties => ({
	displayName: 'Users',
	name: 'users',
	type: 'string',
	typeOptions: { rows: 3 },
	required: true,
	default: '',
	placeholder: '+16505551234, +447700900123',
	description: `${description} Phone numbers with their country code, separated by commas or new lines; at most ${MAX_USERS_PER_REQUEST.toLocaleString('en-US')} per run of an item`,
	displayOptions: { show: { resource: ['blockedUser'], operation: [operation] } },
});

/** The users of an item as Meta wants them: "+" and the digits of the number with its country code. */
export function usersOf(value: unknown): string[] {
	const users = splitList(typeof value === 'string' ? value.replace(/\n/g, ',') : value);
	if (!users.length) throw new InputError('Users', 'give at least one phone number');
	if (users.length > MAX_USERS_PER_REQUEST) {
		throw new InputError('Users', `at most ${MAX_USERS_PER_REQUEST} users per request (Meta's limit), got ${users.length}: split them over several items`);
	}
	return users.map((user) => `+${userNumberDigits('Users', user)}`);
}

interface UserResult extends IDataObject {
	input?: string;
	wa_id?: string;
	errors?: IDataObject[];
}

/** One item per user: done, or refused with Meta's reason and what to do. */
function perUser(done: UserResult[], failed: UserResult[], doneKey: 'blocked' | 'unblocked'): INodeExecutionData[] {
	const refused = failed.map((user) => {
		const error = (user.errors ?? [])[0] ?? {};
		const code = typeof error.code === 'number' ? error.code : undefined;
		const details = (error.error_data as IDataObject | undefined)?.details;
		return {
			json: {
				user: user.input ?? null,
				wa_id: user.wa_id ?? null,
				[doneKey]: false,
				error: { code: code ?? null, message: error.message ?? null, details: details ?? null, whatToDo: hintFor(code, undefined, undefined, BLOCKLIST_HINTS)?.action ?? null },
			},
		};
	});
	return [...done.map((user) => ({ json: { user: user.input ?? null, wa_id: user.wa_id ?? null, [doneKey]: true } })), ...refused];
}

/** Blocks (POST) or unblocks (DELETE) the item's users and reports each user's outcome. */
export async function changeBlocklist(context: IExecuteFunctions, itemIndex: number, method: 'POST' | 'DELETE'): Promise<INodeExecutionData[]> {
	const phoneNumberId = phoneNumberIdOf(context, itemIndex);
	const users = usersOf(context.getNodeParameter('users', itemIndex, ''));
	const answer = (await graphRequest.call(context, {
		method,
		url: `/${phoneNumberId}/block_users`,
		body: { messaging_product: 'whatsapp', block_users: users.map((user) => ({ user })) },
		// Blocking is idempotent: sending it again after an unclear outcome changes nothing.
		safeToRepeat: true,
		answerErrorCodes: [SOME_USERS_FAILED],
		itemIndex,
	})) as IDataObject;
	const result = (answer.block_users ?? {}) as Record<string, UserResult[]>;
	const done = method === 'POST' ? result.added_users : result.removed_users;
	return perUser(done ?? [], result.failed_users ?? [], method === 'POST' ? 'blocked' : 'unblocked');
}
