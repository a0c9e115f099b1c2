import { WorkflowHasIssuesError } from 'n8n-core';

import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';

const env = useEmulator({ maxPageSize: 1 });

const users = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'assignedUser',
	operation,
	wabaId: byId(env.emulator.ids.wabaId),
	...extra,
});
const credit = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'creditLine', operation, ...extra });

describe('assigned users', () => {
	it('lists users with their tasks, business id in the query, over pages', async () => {
		const { emulator, credentials } = env;
		emulator.state.get(emulator.ids.wabaId)!.assignedUsers = [
			{ user: emulator.ids.systemUserId, tasks: ['MANAGE', 'DEVELOP'] },
			{ user: emulator.ids.userId, tasks: ['MESSAGING'] },
		];
		const { items, error } = await runNode({ parameters: users('getAll', { businessId: emulator.ids.businessId, returnAll: true }), credentials });
		expect(error).toBeUndefined();
		const calls = emulator.calls('GET', `/${emulator.ids.wabaId}/assigned_users`);
		expect(calls).toHaveLength(2);
		expect(calls[0].query.business).toBe(emulator.ids.businessId);
		expect(items.map((item) => item.json)).toEqual([
			{ id: emulator.ids.systemUserId, name: 'Automation System User', user_type: 'SYSTEM_USER', tasks: ['MANAGE', 'DEVELOP'] },
			{ id: emulator.ids.userId, name: 'Ana Operator', user_type: 'BUSINESS_USER', tasks: ['MESSAGING'] },
		]);
	});

	it('adds a user with tasks and answers with the ids acted on', async () => {
		const { emulator, credentials } = env;
		const { items, error } = await runNode({ parameters: users('add', { wabaId: byId(emulator.ids.secondWabaId), userId: emulator.ids.userId, tasks: ['MANAGE_TEMPLATES', 'VIEW_COST'] }), credentials });
		expect(error).toBeUndefined();
		expect(emulator.calls('POST', `/${emulator.ids.secondWabaId}/assigned_users`)[0].body).toEqual({ user: emulator.ids.userId, tasks: ['MANAGE_TEMPLATES', 'VIEW_COST'] });
		expect(items.map((item) => item.json)).toEqual([{ success: true, wabaId: emulator.ids.secondWabaId, userId: emulator.ids.userId, tasks: ['MANAGE_TEMPLATES', 'VIEW_COST'] }]);
		expect(emulator.state.get(emulator.ids.secondWabaId)!.assignedUsers).toEqual([{ user: emulator.ids.userId, tasks: ['MANAGE_TEMPLATES', 'VIEW_COST'] }]);
	});

	it('removes a user (user in the query of the DELETE); removing again is refused by Meta', async () => {
		const { emulator, credentials } = env;
		const { items, error } = await runNode({ parameters: users('remove', { wabaId: byId(emulator.ids.secondWabaId), userId: emulator.ids.userId }), credentials });
		expect(error).toBeUndefined();
		const [call] = emulator.calls('DELETE', `/${emulator.ids.secondWabaId}/assigned_users`);
		expect(call.query.user).toBe(emulator.ids.userId);
		expect(items.map((item) => item.json)).toEqual([{ success: true, wabaId: emulator.ids.secondWabaId, userId: emulator.ids.userId }]);
		const again = await runNode({ parameters: users('remove', { wabaId: byId(emulator.ids.secondWabaId), userId: emulator.ids.userId }), credentials });
		expect(again.error?.message).toBe('Invalid parameter [code 100]');
		expect(again.error?.description).toContain('is not assigned');
	});

	it('checks the user id and tasks before sending', async () => {
		const { emulator, credentials } = env;
		const badId = await runNode({ parameters: users('add', { userId: 'ana@example.com', tasks: ['MESSAGING'] }), credentials });
		expect(badId.error?.message).toBe('User ID: must be a numeric ID, got "ana@example.com"');
		// n8n itself refuses a run whose required Tasks are empty (2.x names the parameter in the message, 1.x does not).
		await expect(runNode({ parameters: users('add', { userId: emulator.ids.userId, tasks: [] }), credentials })).rejects.toBeInstanceOf(WorkflowHasIssuesError);
		expect(emulator.requests).toHaveLength(0);
	});

	it('is refused for a WABA the token cannot reach (200)', async () => {
		const { emulator, credentials } = env;
		const { error } = await runNode({ parameters: users('add', { wabaId: byId(emulator.ids.otherWabaId), userId: emulator.ids.userId, tasks: ['MESSAGING'] }), credentials });
		expect(error?.message).toBe('Permission denied [code 200]');
		expect(error?.description).toContain('Assign people');
	});
});

describe('credit lines', () => {
	it('lists the business\'s credit lines', async () => {
		const { emulator, credentials } = env;
		const { items, error } = await runNode({ parameters: credit('getAll', { businessId: emulator.ids.businessId, returnAll: true, creditLineFields: 'id,legal_entity_name' }), credentials });
		expect(error).toBeUndefined();
		expect(emulator.calls('GET', `/${emulator.ids.businessId}/extendedcredits`)[0].query.fields).toBe('id,legal_entity_name');
		expect(items.map((item) => item.json)).toEqual([{ id: emulator.ids.extendedCreditId, legal_entity_name: 'Acme Partner Ltd' }]);
	});

	it('shares a credit line, then checks, lists, revokes and sees the share end', async () => {
		const { emulator, credentials } = env;
		const client = emulator.ids.clientWabaId;
		// Start from an unfunded client account.
		const seeded = emulator.state.get(emulator.ids.allocationConfigId)!;
		seeded.request_status = 'DELETED';
		emulator.state.get(client)!.primary_funding_id = '';

		const shared = await runNode({ parameters: credit('share', { creditLineId: emulator.ids.extendedCreditId, wabaId: byId(client), currency: 'EUR' }), credentials });
		expect(shared.error).toBeUndefined();
		const [call] = emulator.calls('POST', `/${emulator.ids.extendedCreditId}/whatsapp_credit_sharing_and_attach`);
		expect(call.query).toMatchObject({ waba_id: client, waba_currency: 'EUR' });
		const allocationId = String(shared.items[0].json.allocation_config_id);
		expect(shared.items[0].json).toEqual({ allocation_config_id: allocationId, waba_id: client, creditLineId: emulator.ids.extendedCreditId, currency: 'EUR' });

		const check = () => runNode({ parameters: credit('checkSharing', { allocationConfigId: allocationId, wabaId: byId(client) }), credentials });
		const live = await check();
		expect(live.error).toBeUndefined();
		expect(emulator.calls('GET', `/${allocationId}`)[0].query.fields).toBe('id,receiving_credential{id},request_status,receiving_business');
		expect(emulator.calls('GET', `/${client}`)[0].query.fields).toBe('id,name,primary_funding_id');
		const credential = (emulator.state.get(allocationId)!.receiving_credential as { id: string }).id;
		expect(live.items.map((item) => item.json)).toEqual([
			{ isShared: true, reason: 'The credit line pays for this account', allocationConfigId: allocationId, wabaId: client, wabaName: 'Client Shop WhatsApp', requestStatus: 'APPROVED', receivingCredentialId: credential, primaryFundingId: credential },
		]);

		const one = await runNode({ parameters: credit('getAllocation', { allocationConfigId: allocationId, allocationFields: ['id', 'request_status', 'receiving_credential'] }), credentials });
		expect(emulator.calls('GET', `/${allocationId}`).at(-1)!.query.fields).toBe('id,request_status,receiving_credential{id}');
		expect(one.items[0].json).toEqual({ id: allocationId, request_status: 'APPROVED', receiving_credential: { id: credential } });

		const all = await runNode({ parameters: credit('getAllocations', { creditLineId: emulator.ids.extendedCreditId, receivingBusinessId: emulator.ids.clientBusinessId, returnAll: true, allocationFields: ['id', 'request_status'] }), credentials });
		const listCalls = emulator.calls('GET', `/${emulator.ids.extendedCreditId}/owning_credit_allocation_configs`);
		expect(listCalls[0].query).toMatchObject({ receiving_business_id: emulator.ids.clientBusinessId, fields: 'id,request_status' });
		expect(listCalls).toHaveLength(2);
		expect(all.items.map((item) => item.json)).toEqual([
			{ id: emulator.ids.allocationConfigId, request_status: 'DELETED' },
			{ id: allocationId, request_status: 'APPROVED' },
		]);

		const revoked = await runNode({ parameters: credit('revoke', { allocationConfigId: allocationId }), credentials });
		expect(emulator.calls('DELETE', `/${allocationId}`)).toHaveLength(1);
		expect(revoked.items.map((item) => item.json)).toEqual([{ success: true, allocationConfigId: allocationId }]);

		const ended = await check();
		expect(ended.items[0].json).toMatchObject({ isShared: false, requestStatus: 'DELETED', reason: 'The allocation was revoked' });

		const twice = await runNode({ parameters: credit('revoke', { allocationConfigId: allocationId }), credentials });
		expect(twice.error?.message).toBe('Invalid parameter [code 100]');
	});

	it('says a share is not live when the account is funded by something else', async () => {
		const { emulator, credentials } = env;
		const allocation = emulator.state.get(emulator.ids.allocationConfigId)!;
		allocation.request_status = 'APPROVED';
		emulator.state.get(emulator.ids.clientWabaId)!.primary_funding_id = '999000111';
		const { items } = await runNode({ parameters: credit('checkSharing', { allocationConfigId: emulator.ids.allocationConfigId, wabaId: byId(emulator.ids.clientWabaId) }), credentials });
		expect(items[0].json).toMatchObject({ isShared: false, reason: 'The account is funded by another payment method', primaryFundingId: '999000111', receivingCredentialId: '5010101010101010' });
	});

	it('passes on Meta\'s refusal to share with an account that is not a client of the credit line\'s business', async () => {
		const { emulator, credentials } = env;
		const { error } = await runNode({ parameters: credit('share', { creditLineId: emulator.ids.extendedCreditId, wabaId: byId(emulator.ids.wabaId), currency: 'USD' }), credentials });
		expect(error?.message).toBe('Invalid parameter [code 100]');
		expect(error?.description).toContain('not shared with the business');
	});

	it('retries a rate-limited revoke (80008) and revokes once', async () => {
		const { emulator, credentials } = env;
		const allocation = emulator.state.get(emulator.ids.allocationConfigId)!;
		allocation.request_status = 'APPROVED';
		emulator.faults.add({ kind: 'graphError', method: 'DELETE', path: `/${allocation.id}`, graphError: { code: 80008, message: '(#80008) Too many calls', headers: { 'retry-after': '0.05' } } });
		const { error } = await runNode({ parameters: credit('revoke', { allocationConfigId: allocation.id }), credentials });
		expect(error).toBeUndefined();
		expect(emulator.calls('DELETE').map((call) => call.status)).toEqual([400, 200]);
		expect(allocation.request_status).toBe('DELETED');
	});
});
