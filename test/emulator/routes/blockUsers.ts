import { GraphError, invalidParameter } from '../graphError';
import type { GraphObject } from '../state';
import { paginate } from '../paging';
import { selfUrl } from './core';
import type { Route, RouteContext } from './types';

/** Meta's Block Users API limits: 1,000 users per request, 64,000 on a number's blocklist. */
export const BLOCK_LIMITS = { perRequest: 1000, blocklist: 64_000 };

const blocklistOf = (phone: GraphObject) => ((phone.blockedUsers ??= []) as string[]);
const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '');

interface UserOutcome {
	input: string;
	wa_id: string;
	error?: { code: number; message: string; details: string };
}

function usersOf({ req }: RouteContext): string[] {
	const body = req.body as { messaging_product?: unknown; block_users?: Array<{ user?: unknown }> };
	if (body.messaging_product !== 'whatsapp') throw invalidParameter('messaging_product must be whatsapp');
	if (!Array.isArray(body.block_users) || !body.block_users.length) throw invalidParameter('block_users must be a non-empty array of {user}');
	if (body.block_users.length > BLOCK_LIMITS.perRequest) {
		throw new GraphError(400, 130429, '(#130429) Rate limit hit', { details: `At most ${BLOCK_LIMITS.perRequest} users per request` });
	}
	return body.block_users.map((entry) => String(entry?.user ?? ''));
}

/** Meta answers per user; when some failed, the whole answer is error 139100 carrying the per-user lists. */
function answer(listKey: 'added_users' | 'removed_users', outcomes: UserOutcome[]) {
	const done = outcomes.filter((outcome) => !outcome.error).map(({ input, wa_id }) => ({ input, wa_id }));
	const failed = outcomes
		.filter((outcome) => outcome.error)
		.map(({ input, wa_id, error }) => ({ input, wa_id, errors: [{ message: error!.message, code: error!.code, error_data: { details: error!.details } }] }));
	const block_users = { [listKey]: done, ...(failed.length ? { failed_users: failed } : {}) };
	if (!failed.length) return { messaging_product: 'whatsapp', block_users };
	const error = new GraphError(400, 139100, '(#139100) Failed to block/unblock users', { details: 'Failed to block/unblock some users, see the block_users response list for details' });
	return { status: 400, body: { messaging_product: 'whatsapp', block_users, ...error.toBody() } };
}

export const blockUsersRoutes: Route[] = [
	{
		method: 'GET',
		target: 'phoneNumber',
		edge: 'block_users',
		operationId: 'getBlockedUsers',
		handler: (context) =>
			paginate(blocklistOf(context.object!).map((waId) => ({ messaging_product: 'whatsapp', wa_id: waId })), context.req.query, selfUrl(context), 25, context.emulator.options.maxPageSize ?? 100),
	},
	{
		method: 'POST',
		target: 'phoneNumber',
		edge: 'block_users',
		operationId: 'blockUserS',
		handler: (context) => {
			const phone = context.object!;
			const list = blocklistOf(phone);
			const own = digits(phone.display_phone_number);
			const outcomes = usersOf(context).map((input): UserOutcome => {
				const waId = digits(input);
				if (waId.length < 7) return { input, wa_id: waId, error: { code: 131047, message: 'Re-engagement message', details: 'The user is not a valid WhatsApp user' } };
				if (waId === own) return { input, wa_id: waId, error: { code: 131021, message: 'Recipient cannot be sender', details: 'Failed to block self phone number' } };
				if (context.state.closedWindows.has(waId)) {
					return { input, wa_id: waId, error: { code: 131047, message: 'Re-engagement message', details: 'The user has not messaged this business in the last 24 hours' } };
				}
				if (!list.includes(waId) && list.length >= BLOCK_LIMITS.blocklist) return { input, wa_id: waId, error: { code: 139101, message: 'Blocklist limit reached', details: 'The blocklist is full' } };
				if (!list.includes(waId)) list.push(waId);
				return { input, wa_id: waId };
			});
			return answer('added_users', outcomes);
		},
	},
	{
		method: 'DELETE',
		target: 'phoneNumber',
		edge: 'block_users',
		operationId: 'unblockUserS',
		handler: (context) => {
			const list = blocklistOf(context.object!);
			// Unblocking is not bound to the 24-hour rule.
			const outcomes = usersOf(context).map((input): UserOutcome => {
				const waId = digits(input);
				const at = list.indexOf(waId);
				if (at >= 0) list.splice(at, 1);
				return { input, wa_id: waId };
			});
			return answer('removed_users', outcomes);
		},
	},
];
