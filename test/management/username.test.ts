import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';

const env = useEmulator();

const phone = (operation: string, phoneNumberId: string, extra: Record<string, unknown> = {}) => ({
	resource: 'phoneNumber',
	operation,
	wabaId: byId(env.emulator.ids.wabaId),
	phoneNumberId: byId(phoneNumberId),
	...extra,
});

describe('phone number: business username (read, request/reserve, delete)', () => {
	it('sets a username (reserved until usernames go live), reads it back, deletes it', async () => {
		const { emulator, credentials } = env;
		const id = emulator.ids.phoneNumberId;
		const set = await runNode({ parameters: phone('setUsername', id, { username: '@Acme_Support' }), credentials });
		expect(set.error).toBeUndefined();
		expect(emulator.calls('POST', `/${id}/username`)[0].body).toEqual({ username: 'Acme_Support' });
		expect(set.items[0].json).toEqual({ status: 'reserved', phoneNumberId: id });

		const read = await runNode({ parameters: phone('getUsername', id), credentials });
		expect(read.items[0].json).toEqual({ username: 'Acme_Support', status: 'reserved', phoneNumberId: id });

		const removed = await runNode({ parameters: phone('deleteUsername', id), credentials });
		expect(removed.items[0].json).toEqual({ success: true, phoneNumberId: id });
		expect(emulator.calls('DELETE', `/${id}/username`)).toHaveLength(1);
		expect((await runNode({ parameters: phone('getUsername', id), credentials })).items[0].json).toEqual({ phoneNumberId: id });
	});

	it('moves a username from another number of the same business only when asked to', async () => {
		const { emulator, credentials } = env;
		const [first, second] = emulator.state.list('phoneNumber', (number) => number.wabaId === emulator.ids.wabaId);
		await runNode({ parameters: phone('setUsername', first.id, { username: 'acme.help' }), credentials });
		const refused = await runNode({ parameters: phone('setUsername', second.id, { username: 'acme.help' }), credentials });
		expect(refused.error?.message).toMatch(/147005/);
		const moved = await runNode({ parameters: phone('setUsername', second.id, { username: 'acme.help', transferFromOtherNumber: true }), credentials });
		expect(moved.error).toBeUndefined();
		expect(emulator.calls('POST', `/${second.id}/username`).at(-1)?.body).toEqual({ username: 'acme.help', transfer_action: 'force_transfer' });
		expect(first.username).toBeUndefined();
	});

	it('refuses a username another business holds (147001)', async () => {
		const { emulator, credentials } = env;
		const ours = emulator.state.get(emulator.ids.wabaId)!.ownerBusinessId;
		const theirs = emulator.state.list('phoneNumber', (number) => emulator.state.get(String(number.wabaId))?.ownerBusinessId !== ours)[0];
		theirs.username = 'taken_name';
		const { error } = await runNode({ parameters: phone('setUsername', emulator.ids.phoneNumberId, { username: 'Taken_Name' }), credentials });
		expect(error?.message).toMatch(/147001/);
		delete theirs.username;
	});

	it.each([
		['too short', 'ab', /has 2 characters; a username has 3 to 35/],
		['no letter', '12345', /needs at least one English letter/],
		['a space', 'acme support', /only English letters, digits, periods and underscores/],
		['two periods', 'acme..help', /two periods in a row/],
		['a web address', 'acme.com', /may not look like a web address/],
		['www', 'wwwacme', /may not look like a web address/],
	])('refuses a username with %s before any request', async (_name, username, message) => {
		const { emulator, credentials } = env;
		const { error } = await runNode({ parameters: phone('setUsername', emulator.ids.phoneNumberId, { username }), credentials });
		expect(error?.message).toMatch(message);
		expect(error?.message).toMatch(/^Username: /);
		expect(emulator.calls('POST')).toHaveLength(0);
	});
});
