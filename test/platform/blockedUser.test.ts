import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';

const env = useEmulator({ maxPageSize: 2 });

const blocked = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'blockedUser',
	operation,
	wabaId: byId(env.emulator.ids.wabaId),
	phoneNumberId: byId(env.emulator.ids.phoneNumberId),
	...extra,
});

describe('blocked users', () => {
	it('blocks users (one item per user), lists them over pages, unblocks them', async () => {
		const { emulator, credentials } = env;
		const blockRun = await runNode({ parameters: blocked('block', { users: '+1 650 555 1234, 0044 7700 900123\n+16505550000' }), credentials });
		expect(blockRun.error).toBeUndefined();
		expect(emulator.calls('POST', `/${emulator.ids.phoneNumberId}/block_users`)[0].body).toEqual({
			messaging_product: 'whatsapp',
			block_users: [{ user: '+16505551234' }, { user: '+447700900123' }, { user: '+16505550000' }],
		});
		expect(blockRun.items.map((item) => item.json)).toEqual([
			{ user: '+16505551234', wa_id: '16505551234', blocked: true },
			{ user: '+447700900123', wa_id: '447700900123', blocked: true },
			{ user: '+16505550000', wa_id: '16505550000', blocked: true },
		]);

		const list = await runNode({ parameters: blocked('getAll', { returnAll: true }), credentials });
		expect(list.error).toBeUndefined();
		expect(emulator.calls('GET', `/${emulator.ids.phoneNumberId}/block_users`)).toHaveLength(2);
		expect(list.items.map((item) => item.json.wa_id)).toEqual(['16505551234', '447700900123', '16505550000']);

		const unblockRun = await runNode({ parameters: blocked('unblock', { users: '+16505551234,+447700900123,+16505550000' }), credentials });
		expect(unblockRun.error).toBeUndefined();
		expect(emulator.calls('DELETE', `/${emulator.ids.phoneNumberId}/block_users`)[0].body.block_users).toHaveLength(3);
		expect(unblockRun.items.map((item) => item.json.unblocked)).toEqual([true, true, true]);
		expect(emulator.state.get(emulator.ids.phoneNumberId)!.blockedUsers).toEqual([]);
	});

	it('reports the users Meta refused, each with its reason and what to do, next to those it blocked', async () => {
		const { emulator, credentials } = env;
		emulator.state.closedWindows.add('16505559999');
		try {
			const { items, error } = await runNode({ parameters: blocked('block', { users: '+16505551111, +16505559999, +15550100001' }), credentials });
			expect(error).toBeUndefined();
			expect(emulator.calls('POST', `/${emulator.ids.phoneNumberId}/block_users`)[0].status).toBe(400);
			expect(items.map((item) => [item.json.user, item.json.blocked, (item.json.error as { code?: number } | undefined)?.code])).toEqual([
				['+16505551111', true, undefined],
				['+16505559999', false, 131047],
				['+15550100001', false, 131021],
			]);
			expect((items[1].json.error as { whatToDo: string }).whatToDo).toContain('last 24 hours');
			expect((items[2].json.error as { whatToDo: string }).whatToDo).toContain('business phone number');
			expect(items.every((item) => item.pairedItem !== undefined)).toBe(true);
		} finally {
			emulator.state.closedWindows.delete('16505559999');
			emulator.state.get(emulator.ids.phoneNumberId)!.blockedUsers = [];
		}
	});

	it('checks the users before sending: at least one, at most 1,000, phone numbers only', async () => {
		const { emulator, credentials } = env;
		const none = await runNode({ parameters: blocked('block', { users: ' , ' }), credentials });
		expect(none.error?.message).toBe('Users: give at least one phone number');
		const many = Array.from({ length: 1001 }, (_, index) => `+1650${String(index).padStart(7, '0')}`);
		const tooMany = await runNode({ parameters: blocked('block', { users: many.join(',') }), credentials });
		expect(tooMany.error?.message).toBe('Users: at most 1000 users per request (Meta\'s limit), got 1001: split them over several items');
		const notANumber = await runNode({ parameters: blocked('unblock', { users: 'ana@example.com' }), credentials });
		expect(notANumber.error?.message).toBe('Users: "ana@example.com" is not a phone number with its country code (7 to 15 digits)');
		expect(emulator.requests).toHaveLength(0);
	});

	it('takes users from an expression that gives an array, and keeps going per item with Continue On Fail', async () => {
		const { emulator, credentials } = env;
		const { items, error } = await runNode({
			parameters: blocked('block', { users: '={{ $json.users }}' }),
			items: [{ json: { users: ['+16505552222'] } }, { json: { users: [] } }],
			continueOnFail: true,
			credentials,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{ user: '+16505552222', wa_id: '16505552222', blocked: true },
			{ error: 'Users: give at least one phone number', description: 'Nothing was sent to Meta. Correct the value and run again.' },
		]);
		expect(emulator.calls('POST')).toHaveLength(1);
		emulator.state.get(emulator.ids.phoneNumberId)!.blockedUsers = [];
	});
});
