import { randomBytes } from 'node:crypto';

import { GraphError, invalidParameter } from '../graphError';
import { paginate } from '../paging';
import { emitWebhook, phoneMetadata } from '../platformEvents';
import type { EmulatorState, GraphObject } from '../state';
import { selfUrl } from './core';
import type { Route, RouteContext } from './types';

/** Meta's Groups API limits: subject ≤128 (trimmed), description ≤2048, 8 participants, 10,000 groups per number. */
export const GROUP_LIMITS = { subject: 128, description: 2048, participants: 8, perNumber: 10_000, pageSize: 1024 };

interface Participant {
	wa_id: string;
}
interface JoinRequest {
	join_request_id: string;
	wa_id: string;
	creation_timestamp: number;
}

const now = () => Math.floor(Date.now() / 1000);
const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '');
const participantsOf = (group: GraphObject) => ((group.participants ??= []) as Participant[]);
const joinRequestsOf = (group: GraphObject) => ((group.joinRequests ??= []) as JoinRequest[]);
const newInviteLink = () => `https://chat.whatsapp.com/${randomBytes(15).toString('base64url').slice(0, 22)}`;
const requestId = () => randomBytes(12).toString('hex');

/** Groups are open to Official Business Accounts only; the emulator marks eligible numbers with `groupsEnabled`. */
function checkEligible(phone: GraphObject): void {
	if (phone.is_official_business_account === true || phone.groupsEnabled === true) return;
	throw new GraphError(403, 10, '(#10) Application does not have permission for this action', {
		details: 'This phone number is not eligible for the Groups API: groups are available to Official Business Accounts only',
	});
}

function checkSubject(value: unknown): string {
	const subject = String(value ?? '').trim();
	if (!subject) throw invalidParameter('subject is required');
	if ([...subject].length > GROUP_LIMITS.subject) throw invalidParameter(`subject: maximum ${GROUP_LIMITS.subject} characters`);
	return subject;
}

function checkDescription(value: unknown): string {
	const description = String(value ?? '');
	if ([...description].length > GROUP_LIMITS.description) throw invalidParameter(`description: maximum ${GROUP_LIMITS.description} characters`);
	return description;
}

/** Sends one of the groups webhooks for a group, as Meta does after a group operation. */
export function emitGroupEvent(context: Pick<RouteContext, 'emulator' | 'state'>, group: GraphObject, field: string, event: Record<string, unknown>): void {
	emitWebhook(context, String(group.wabaId), field, {
		messaging_product: 'whatsapp',
		metadata: phoneMetadata(context, String(group.phoneNumberId)),
		groups: [{ timestamp: String(now()), group_id: group.id, ...event }],
	});
}

/** A customer opens the invite link: joins at once, or asks to join when the group needs approval. */
export function customerJoins(context: Pick<RouteContext, 'emulator' | 'state'>, group: GraphObject, waId: string): Record<string, unknown> {
	if (group.join_approval_mode === 'approval_required') {
		const request = { join_request_id: randomBytes(24).toString('base64url'), wa_id: waId, creation_timestamp: now() };
		joinRequestsOf(group).push(request);
		emitGroupEvent(context, group, 'group_participants_update', { type: 'group_join_request_created', join_request_id: request.join_request_id, wa_id: waId });
		return { joinRequest: request };
	}
	addParticipant(context, group, waId, 'invite_link');
	return { joined: true };
}

function addParticipant(context: Pick<RouteContext, 'emulator' | 'state'>, group: GraphObject, waId: string, reason: string): void {
	if (participantsOf(group).length >= GROUP_LIMITS.participants) throw new GraphError(400, 131204, 'Participant overlimit', { details: 'Group participant size exceeds limit' });
	participantsOf(group).push({ wa_id: waId });
	emitGroupEvent(context, group, 'group_participants_update', { type: 'group_participants_add', reason, added_participants: [{ wa_id: waId }] });
}

function shown(context: RouteContext, group: GraphObject) {
	const fields = String(context.req.query.fields ?? 'subject,description,participants,total_participant_count,join_approval_mode').split(',').map((field) => field.trim());
	const all: Record<string, unknown> = {
		subject: group.subject,
		description: group.description,
		participants: participantsOf(group),
		total_participant_count: participantsOf(group).length,
		join_approval_mode: group.join_approval_mode,
		suspended: group.suspended ?? false,
		creation_timestamp: group.creation_timestamp,
	};
	return { id: group.id, ...Object.fromEntries(fields.filter((field) => field in all && all[field] !== undefined && all[field] !== '').map((field) => [field, all[field]])) };
}

export const groupsOfPhone = (state: EmulatorState, phoneNumberId: string) => state.list('group', (group) => group.phoneNumberId === phoneNumberId);

export const groupsRoutes: Route[] = [
	{
		method: 'POST',
		target: 'phoneNumber',
		edge: 'groups',
		operationId: 'createGroup',
		handler: (context) => {
			const phone = context.object!;
			checkEligible(phone);
			const params = context.req.params as Record<string, unknown>;
			if (params.messaging_product !== 'whatsapp') throw invalidParameter('messaging_product must be whatsapp');
			const mode = String(params.join_approval_mode ?? 'auto_approve');
			if (!['auto_approve', 'approval_required'].includes(mode)) throw invalidParameter('join_approval_mode must be auto_approve or approval_required');
			if (groupsOfPhone(context.state, phone.id).length >= GROUP_LIMITS.perNumber) throw new GraphError(400, 131211, 'Group create limit reached', { details: 'Reached the limit for the maximum number of groups that can be created for this number' });
			const request = requestId();
			const group = context.state.add({
				id: Buffer.from(`capi_group:${phone.id}:${context.state.newId()}`).toString('base64url'),
				type: 'group',
				wabaId: phone.wabaId,
				phoneNumberId: phone.id,
				subject: checkSubject(params.subject),
				description: checkDescription(params.description),
				join_approval_mode: mode,
				invite_link: newInviteLink(),
				creation_timestamp: now(),
			});
			emitGroupEvent(context, group, 'group_lifecycle_update', {
				type: 'group_create',
				request_id: request,
				subject: group.subject,
				...(group.description ? { description: group.description } : {}),
				invite_link: group.invite_link,
				join_approval_mode: mode,
			});
			return { messaging_product: 'whatsapp', request_id: request };
		},
	},
	{
		method: 'GET',
		target: 'phoneNumber',
		edge: 'groups',
		handler: (context) => {
			checkEligible(context.object!);
			const list = groupsOfPhone(context.state, context.object!.id).map((group) => ({ id: group.id, subject: group.subject, created_at: String(group.creation_timestamp) }));
			const page = paginate(list, context.req.query, selfUrl(context), 25, Math.min(GROUP_LIMITS.pageSize, context.emulator.options.maxPageSize ?? GROUP_LIMITS.pageSize));
			return { data: { groups: page.data }, paging: page.paging };
		},
	},
	{ method: 'GET', target: 'group', operationId: 'getGroupInfo', handler: (context) => shown(context, context.object!) },
	{
		method: 'POST',
		target: 'group',
		handler: (context) => {
			const group = context.object!;
			const params = context.req.params as Record<string, unknown>;
			const event: Record<string, unknown> = { type: 'group_settings_update', request_id: requestId() };
			if (params.subject !== undefined) {
				group.subject = checkSubject(params.subject);
				event.group_subject = { text: group.subject, update_successful: true };
			}
			if (params.description !== undefined) {
				group.description = checkDescription(params.description);
				event.group_description = { text: group.description, update_successful: true };
			}
			const picture = context.req.parts.find((part) => part.name === 'file' && part.filename !== undefined);
			if (picture) {
				if (picture.contentType !== 'image/jpeg') throw invalidParameter('The group picture must be a JPEG image');
				event.profile_picture = { mime_type: 'image/jpeg', update_successful: true };
			}
			if (Object.keys(event).length === 2) throw invalidParameter('Give at least one of subject, description, file');
			emitGroupEvent(context, group, 'group_settings_update', event);
			return { success: true };
		},
	},
	{
		method: 'DELETE',
		target: 'group',
		handler: (context) => {
			const group = context.object!;
			context.state.objects.delete(group.id);
			emitGroupEvent(context, group, 'group_lifecycle_update', { type: 'group_delete', request_id: requestId() });
			return { success: true };
		},
	},
	{ method: 'GET', target: 'group', edge: 'invite_link', handler: ({ object }) => ({ messaging_product: 'whatsapp', invite_link: object!.invite_link }) },
	{
		method: 'POST',
		target: 'group',
		edge: 'invite_link',
		operationId: 'createGroupInviteLink',
		handler: ({ object }) => {
			object!.invite_link = newInviteLink();
			return { messaging_product: 'whatsapp', invite_link: object!.invite_link };
		},
	},
	{
		method: 'GET',
		target: 'group',
		edge: 'join_requests',
		handler: (context) => paginate(joinRequestsOf(context.object!), context.req.query, selfUrl(context), 25, context.emulator.options.maxPageSize ?? 100),
	},
	...(['POST', 'DELETE'] as const).map(
		(method): Route => ({
			method,
			target: 'group',
			edge: 'join_requests',
			operationId: method === 'POST' ? 'approveJoinRequests' : 'rejectJoinRequests',
			handler: (context) => {
				const group = context.object!;
				const ids = (context.req.params as { join_requests?: unknown }).join_requests;
				if (!Array.isArray(ids) || !ids.length) throw invalidParameter('join_requests must be a non-empty array');
				const done: string[] = [];
				const failed: Array<Record<string, unknown>> = [];
				for (const id of ids.map(String)) {
					const request = joinRequestsOf(group).find((entry) => entry.join_request_id === id);
					if (!request) {
						failed.push({ join_request_id: id, errors: [{ code: 100, message: 'Invalid parameter', error_data: { details: 'No open join request with this ID' } }] });
						continue;
					}
					if (method === 'POST' && participantsOf(group).length >= GROUP_LIMITS.participants) {
						failed.push({ join_request_id: id, errors: [{ code: 131204, message: 'Participant overlimit', error_data: { details: 'Group participant size exceeds limit' } }] });
						continue;
					}
					group.joinRequests = joinRequestsOf(group).filter((entry) => entry !== request);
					if (method === 'POST') addParticipant(context, group, request.wa_id, 'join_request_approved');
					done.push(id);
				}
				return { messaging_product: 'whatsapp', [method === 'POST' ? 'approved_join_requests' : 'rejected_join_requests']: done, ...(failed.length ? { failed_join_requests: failed } : {}) };
			},
		}),
	),
	{
		method: 'DELETE',
		target: 'group',
		edge: 'participants',
		operationId: 'removeGroupParticipants',
		handler: (context) => {
			const group = context.object!;
			const users = ((context.req.params as { participants?: Array<{ user?: unknown }> }).participants ?? []).map((entry) => digits(entry?.user));
			if (!users.length) throw invalidParameter('participants must be a non-empty array of {user}');
			if (users.length > GROUP_LIMITS.participants) throw new GraphError(400, 131204, 'Participant overlimit', { details: 'Group participant size exceeds limit' });
			if (new Set(users).size !== users.length) throw new GraphError(400, 131202, 'Duplicate participant', { details: 'Duplicate participants in the participant array input' });
			const missing = users.find((user) => !participantsOf(group).some((participant) => participant.wa_id === user));
			if (missing) throw new GraphError(400, 131212, 'Participant is not a part of the group', { details: `${missing} is not a participant of this group` });
			group.participants = participantsOf(group).filter((participant) => !users.includes(participant.wa_id));
			emitGroupEvent(context, group, 'group_participants_update', { type: 'group_participants_remove', initiated_by: 'business', removed_participants: users.map((wa_id) => ({ wa_id })) });
			return { success: true };
		},
	},
];

/** Message types Meta delivers to groups (Groups API: text, media, text- and media-based templates). */
const GROUP_MESSAGE_TYPES = ['text', 'image', 'video', 'audio', 'document', 'sticker', 'template'];

/** A message to a group (`recipient_type: group`, group ID in `to`): the group must be this number's and have a customer in it. */
export function groupRecipientOf(context: RouteContext, body: Record<string, unknown>): { kind: 'phone'; id: string } {
	const group = context.state.get(String(body.to ?? ''));
	if (!group || group.type !== 'group' || group.phoneNumberId !== context.object!.id) {
		throw new GraphError(400, 131041, 'Group unknown', { details: 'The group was not found, either because it does not exist or you are not a member' });
	}
	if (!GROUP_MESSAGE_TYPES.includes(String(body.type))) throw new GraphError(400, 131051, '(#131051) Unsupported message type', { details: `Groups take ${GROUP_MESSAGE_TYPES.join(', ')} messages` });
	if (!participantsOf(group).length) throw new GraphError(400, 131020, 'Bad Group', { details: 'Cannot send messages to single member groups' });
	return { kind: 'phone', id: group.id };
}
