import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';
import { binaryItem } from '../messaging/helpers';
import { customerJoins } from '../emulator/routes/groups';

const env = useEmulator();

const group = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'group',
	operation,
	wabaId: byId(env.emulator.ids.wabaId),
	phoneNumberId: byId(env.emulator.ids.phoneNumberId),
	...extra,
});

/** Creates a group through the node and reads its ID from the group_lifecycle_update webhook Meta sends. */
async function createdGroup(subject: string, joinApprovalMode = 'auto_approve') {
	const { emulator, credentials } = env;
	const run = await runNode({ parameters: group('create', { subject, description: 'For VIP customers', joinApprovalMode }), credentials });
	expect(run.error).toBeUndefined();
	const event = emulator.state.emittedWebhooks.find((hook) => hook.field === 'group_lifecycle_update' && (hook.value.groups as Array<{ request_id: string }>)[0].request_id === run.items[0].json.request_id);
	return { run, event: (event!.value.groups as Array<Record<string, string>>)[0] };
}

describe('groups', () => {
	it('creates a group: request ID now, group ID and invite link with the group_lifecycle_update webhook', async () => {
		const { emulator } = env;
		const { run, event } = await createdGroup('  Spring launch VIP  ');
		expect(emulator.calls('POST', `/${emulator.ids.phoneNumberId}/groups`)[0].body).toEqual({ messaging_product: 'whatsapp', subject: 'Spring launch VIP', description: 'For VIP customers', join_approval_mode: 'auto_approve' });
		expect(run.items[0].json).toMatchObject({ messaging_product: 'whatsapp', phoneNumberId: emulator.ids.phoneNumberId, subject: 'Spring launch VIP' });
		expect(event).toMatchObject({ type: 'group_create', subject: 'Spring launch VIP', invite_link: expect.stringMatching(/^https:\/\/chat\.whatsapp\.com\//), join_approval_mode: 'auto_approve' });
		expect(emulator.state.emittedWebhooks.at(-1)!.value.metadata).toEqual({ display_phone_number: '15550100001', phone_number_id: emulator.ids.phoneNumberId });
	});

	it('lists, reads, updates (with a picture), gets and resets the invite link, removes a participant, deletes', async () => {
		const { emulator, credentials } = env;
		const { event } = await createdGroup('Watch club');
		const groupId = event.group_id;
		customerJoins({ emulator, state: emulator.state }, emulator.state.get(groupId)!, '16505551234');
		customerJoins({ emulator, state: emulator.state }, emulator.state.get(groupId)!, '447700900123');

		const listed = await runNode({ parameters: group('getAll', { returnAll: true }), credentials });
		expect(listed.items.map((item) => item.json.subject)).toContain('Watch club');

		const read = await runNode({ parameters: group('get', { groupId, groupFields: ['subject', 'participants', 'total_participant_count'] }), credentials });
		expect(read.items[0].json).toEqual({ id: groupId, subject: 'Watch club', participants: [{ wa_id: '16505551234' }, { wa_id: '447700900123' }], total_participant_count: 2 });

		const picture = binaryItem(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'image/jpeg', 'club.jpg', 'photo');
		const updated = await runNode({ parameters: group('update', { groupId, updateFields: { subject: 'Watch enthusiasts', pictureBinaryPropertyName: 'photo' } }), items: [picture], credentials });
		expect(updated.error).toBeUndefined();
		expect(updated.items[0].json).toEqual({ success: true, groupId, subject: 'Watch enthusiasts' });
		expect(emulator.state.emittedWebhooks.at(-1)).toMatchObject({ field: 'group_settings_update', value: { groups: [{ group_id: groupId, group_subject: { text: 'Watch enthusiasts', update_successful: true }, profile_picture: { mime_type: 'image/jpeg' } }] } });

		const link = await runNode({ parameters: group('getInviteLink', { groupId }), credentials });
		const reset = await runNode({ parameters: group('resetInviteLink', { groupId }), credentials });
		expect(reset.items[0].json.invite_link).not.toBe(link.items[0].json.invite_link);
		expect(emulator.state.get(groupId)!.invite_link).toBe(reset.items[0].json.invite_link);

		const removed = await runNode({ parameters: group('removeParticipants', { groupId, participants: '+44 7700 900123' }), credentials });
		expect(removed.error).toBeUndefined();
		expect(emulator.calls('DELETE', `/${groupId}/participants`)[0].body.participants).toEqual([{ user: '+44 7700 900123' }]);
		expect(emulator.state.emittedWebhooks.at(-1)).toMatchObject({ field: 'group_participants_update', value: { groups: [{ type: 'group_participants_remove', removed_participants: [{ wa_id: '447700900123' }] }] } });
		const notThere = await runNode({ parameters: group('removeParticipants', { groupId, participants: '+44 7700 900123' }), credentials });
		expect(notThere.error?.message).toBe('Participant is not in the group [code 131212]');

		const deleted = await runNode({ parameters: group('delete', { groupId }), credentials });
		expect(deleted.items[0].json).toEqual({ success: true, groupId });
		expect(emulator.state.emittedWebhooks.at(-1)).toMatchObject({ field: 'group_lifecycle_update', value: { groups: [{ group_id: groupId, type: 'group_delete' }] } });
	});

	it('lists join requests and approves or rejects them, one item per request', async () => {
		const { emulator, credentials } = env;
		const { event } = await createdGroup('Beta testers', 'approval_required');
		const stored = emulator.state.get(event.group_id)!;
		const first = customerJoins({ emulator, state: emulator.state }, stored, '16505550001').joinRequest as { join_request_id: string };
		const second = customerJoins({ emulator, state: emulator.state }, stored, '16505550002').joinRequest as { join_request_id: string };
		const open = await runNode({ parameters: group('getJoinRequests', { groupId: event.group_id, returnAll: true }), credentials });
		expect(open.items.map((item) => item.json.wa_id)).toEqual(['16505550001', '16505550002']);

		const approved = await runNode({ parameters: group('approveJoinRequests', { groupId: event.group_id, joinRequestIds: `${first.join_request_id}, unknown-request` }), credentials });
		expect(approved.items.map((item) => item.json)).toEqual([
			{ groupId: event.group_id, join_request_id: first.join_request_id, approved: true },
			{ groupId: event.group_id, join_request_id: 'unknown-request', approved: false, error: { code: 100, message: 'Invalid parameter', whatToDo: expect.stringContaining('the details name the field') } },
		]);
		expect(emulator.state.emittedWebhooks.at(-1)).toMatchObject({ field: 'group_participants_update', value: { groups: [{ type: 'group_participants_add', added_participants: [{ wa_id: '16505550001' }] }] } });
		const rejected = await runNode({ parameters: group('rejectJoinRequests', { groupId: event.group_id, joinRequestIds: second.join_request_id }), credentials });
		expect(rejected.items[0].json).toEqual({ groupId: event.group_id, join_request_id: second.join_request_id, rejected: true });
		expect(stored.joinRequests).toEqual([]);
	});

	it('says what to do when the number may not use groups', async () => {
		const { emulator, credentials } = env;
		const { error } = await runNode({ parameters: group('create', { phoneNumberId: byId(emulator.ids.secondPhoneNumberId), subject: 'Nope' }), credentials });
		expect(error?.message).toBe('This phone number cannot use the Groups API [code 10]');
		expect(error?.description).toMatch(/^What to do: Groups are open to Official Business Accounts only/);
		expect(error?.description).toContain('not eligible for the Groups API');
	});

	it('checks subject (128), description (2048), participants (8, no duplicates), group ID and picture before sending', async () => {
		const { emulator, credentials } = env;
		const message = async (parameters: Record<string, unknown>, items?: Parameters<typeof runNode>[0]['items']) => (await runNode({ parameters, items, credentials })).error?.message;
		expect(await message(group('create', { subject: 'x'.repeat(129) }))).toBe('Subject: at most 128 characters allowed, got 129');
		expect(await message(group('create', { subject: '   ' }))).toBe('Subject: a value is required');
		expect(await message(group('create', { subject: 'ok', description: 'd'.repeat(2049) }))).toBe('Description: at most 2048 characters allowed, got 2049');
		const groupId = 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD';
		const nine = Array.from({ length: 9 }, (_, index) => `+1650555000${index}`).join(',');
		expect(await message(group('removeParticipants', { groupId, participants: nine }))).toBe('Participants: at most 8 per request (a group has at most 8 participants), got 9');
		expect(await message(group('removeParticipants', { groupId, participants: '+16505550001, 16505550001' }))).toBe('Participants: "16505550001" is listed twice');
		expect(await message(group('get', { groupId: 'my group' }))).toMatch(/^Group ID: "my group" is not a group ID/);
		expect(await message(group('update', { groupId, updateFields: { pictureBinaryPropertyName: 'data' } }), [binaryItem(Buffer.from('png'), 'image/png', 'a.png')])).toBe('Picture (Binary Field): must be a JPEG picture, got image/png');
		expect(await message(group('update', { groupId, updateFields: {} }))).toBe('Update Fields: add at least one field to change');
		expect(emulator.requests).toHaveLength(0);
	});
});
