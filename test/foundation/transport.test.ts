import { createHmac } from 'node:crypto';

import { DEFAULT_GRAPH_VERSION } from '../../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';

const env = useEmulator({ requireAppSecretProof: true, maxPageSize: 1 });

const getAccount = (wabaId: string, extra: Record<string, unknown> = {}) => ({
	resource: 'account',
	operation: 'get',
	wabaId: byId(wabaId),
	fields: ['id', 'name', 'currency'],
	...extra,
});

describe('transport: declarative operations through n8n routing', () => {
	it('sends Bearer auth and appsecret_proof, never the token in the query, and returns the account', async () => {
		const { emulator, credentials } = env;
		const { items, error } = await runNode({ parameters: getAccount(emulator.ids.wabaId), credentials });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([{ id: emulator.ids.wabaId, name: 'Acme Support', currency: 'USD' }]);
		const [call] = emulator.calls('GET', `/${emulator.ids.wabaId}`);
		expect(call.version).toBe(DEFAULT_GRAPH_VERSION);
		expect(call.query.fields).toBe('id,name,currency');
		expect(call.headers.authorization).toBe(`Bearer ${credentials.accessToken}`);
		expect(call.query.appsecret_proof).toBe(createHmac('sha256', credentials.appSecret!).update(credentials.accessToken).digest('hex'));
		expect(JSON.stringify(call.query)).not.toContain(credentials.accessToken);
	});

	it('follows paging.cursors.after for Return All, one item per element', async () => {
		const { emulator, credentials } = env;
		const { items } = await runNode({
			parameters: { resource: 'account', operation: 'getAll', businessId: emulator.ids.businessId, ownership: 'owned', returnAll: true, fields: 'id,name' },
			credentials,
		});
		expect(items.map((item) => item.json.name)).toEqual(['Acme Support', 'Acme Marketing']);
		const calls = emulator.calls('GET', `/${emulator.ids.businessId}/owned_whatsapp_business_accounts`);
		expect(calls).toHaveLength(2);
		expect(calls[0].query.after).toBeUndefined();
		expect(calls[1].query.after).toBeDefined();
		expect(calls[1].query.limit).toBe('100');
	});

	it('stops at Limit', async () => {
		const { emulator, credentials } = env;
		const { items } = await runNode({
			parameters: { resource: 'account', operation: 'getAll', businessId: emulator.ids.businessId, ownership: 'owned', returnAll: false, limit: 1 },
			credentials,
		});
		expect(items).toHaveLength(1);
		expect(emulator.calls('GET', `/${emulator.ids.businessId}/owned_whatsapp_business_accounts`)).toHaveLength(1);
	});
});

describe('transport: retries', () => {
	it('waits out a WABA rate limit (80008) and then succeeds', async () => {
		const { emulator, credentials } = env;
		emulator.faults.add({ kind: 'graphError', path: `/${emulator.ids.wabaId}`, times: 2, graphError: { code: 80008, message: '(#80008) Too many calls', headers: { 'retry-after': '0.05' } } });
		const { items, error } = await runNode({ parameters: getAccount(emulator.ids.wabaId), credentials });
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(emulator.ids.wabaId);
		expect(emulator.calls('GET', `/${emulator.ids.wabaId}`).map((call) => call.status)).toEqual([400, 400, 200]);
	});

	it('gives up when the retry budget is spent and says so', async () => {
		const { emulator, credentials } = env;
		emulator.faults.add({ kind: 'graphError', path: `/${emulator.ids.wabaId}`, times: 5, graphError: { code: 4, message: '(#4) Application request limit reached', headers: { 'retry-after': '0.01' } } });
		const { error } = await runNode({ parameters: getAccount(emulator.ids.wabaId, { rateLimitHandling: { maxRetries: 1 } }), credentials });
		expect(error?.message).toBe('Too many calls to the Graph API [code 4]');
		expect(error?.description).toContain('Gave up after 1 retry');
		expect(emulator.calls('GET', `/${emulator.ids.wabaId}`)).toHaveLength(2);
	});

	it('retries a GET after a dropped connection and a 5xx', async () => {
		const { emulator, credentials } = env;
		emulator.faults.add({ kind: 'drop', path: `/${emulator.ids.wabaId}` });
		emulator.faults.add({ kind: 'serverError', status: 503, path: `/${emulator.ids.wabaId}` });
		const { items, error } = await runNode({ parameters: getAccount(emulator.ids.wabaId, { rateLimitHandling: { maxWaitSeconds: 10 } }), credentials });
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(emulator.ids.wabaId);
		expect(emulator.calls('GET', `/${emulator.ids.wabaId}`).map((call) => call.status)).toEqual([0, 503, 200]);
	});

	it('retries a GET whose answer is not JSON', async () => {
		const { emulator, credentials } = env;
		emulator.faults.add({ kind: 'malformed', path: `/${emulator.ids.wabaId}` });
		const { items, error } = await runNode({ parameters: getAccount(emulator.ids.wabaId), credentials });
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(emulator.ids.wabaId);
		expect(emulator.calls('GET', `/${emulator.ids.wabaId}`)).toHaveLength(2);
	});
});

describe('transport: errors users can act on', () => {
	it('explains an expired token and keeps Meta identifiers', async () => {
		const { emulator, credentials } = env;
		const { error } = await runNode({ parameters: getAccount(emulator.ids.wabaId), credentials: { ...credentials, accessToken: emulator.ids.expiredToken } });
		expect(error?.message).toBe('The access token is invalid or has expired [code 190]');
		expect(error?.description).toMatch(/What to do: Generate a new system-user access token/);
		expect(error?.description).toMatch(/subcode 463/);
		expect(error?.description).toMatch(/fbtrace_id \S+/);
		expect(error?.httpCode).toBe('401');
	});

	it('never shows the token or app secret, even when Meta echoes the token back', async () => {
		const { emulator, credentials } = env;
		const leakyToken = 'EAAG-this-token-must-never-leak-123';
		const { error, run } = await runNode({ parameters: getAccount(emulator.ids.wabaId), credentials: { ...credentials, accessToken: leakyToken } });
		expect(emulator.requests[0].responseBody).toEqual(expect.objectContaining({ error: expect.objectContaining({ message: `Malformed access token ${leakyToken}` }) }));
		expect(error?.message).toContain('[code 190]');
		const everything = JSON.stringify({ message: error?.message, description: error?.description, error, run: run.data });
		expect(everything).not.toContain(leakyToken);
		expect(everything).not.toContain(credentials.appSecret);
		expect(error?.description).toContain('Malformed access token [redacted]');
	});

	it('scrubs appsecret_proof like the token when Meta echoes the request URL, in errors and in error items', async () => {
		const { emulator, credentials } = env;
		const proof = createHmac('sha256', credentials.appSecret!).update(credentials.accessToken).digest('hex');
		const echo = `Unsupported get request (GET /${DEFAULT_GRAPH_VERSION}/${emulator.ids.wabaId}?fields=id&appsecret_proof=${proof})`;
		const fault = { kind: 'graphError' as const, path: `/${emulator.ids.wabaId}`, graphError: { code: 100, subcode: 33, message: echo, details: `appsecret_proof=${proof}` } };
		emulator.faults.add(fault);
		const failed = await runNode({ parameters: getAccount(emulator.ids.wabaId), credentials });
		expect(failed.error?.description).toContain('appsecret_proof=[redacted]');
		expect(JSON.stringify({ message: failed.error?.message, description: failed.error?.description, error: failed.error, run: failed.run.data })).not.toContain(proof);

		emulator.faults.add(fault);
		const continued = await runNode({ parameters: getAccount(emulator.ids.wabaId), credentials, continueOnFail: true });
		expect(continued.items).toHaveLength(1);
		expect(JSON.stringify(continued.items)).not.toContain(proof);
		expect(JSON.stringify(continued.run.data)).not.toContain(proof);
	});

	it('explains a missing WABA permission (200)', async () => {
		const { emulator, credentials } = env;
		const { error } = await runNode({ parameters: getAccount(emulator.ids.otherWabaId), credentials });
		expect(error?.message).toBe('Permission denied [code 200]');
		expect(error?.description).toContain('Assign people');
	});

	it('with Continue On Fail, a failed item carries its error and the others go on, paired with their input', async () => {
		const { emulator, credentials } = env;
		const { items, error } = await runNode({
			parameters: { ...getAccount('={{ $json.waba }}'), wabaId: { __rl: true, mode: 'id', value: '={{ $json.waba }}' } },
			items: [{ json: { waba: emulator.ids.otherWabaId } }, { json: { waba: emulator.ids.wabaId } }],
			continueOnFail: true,
			credentials,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0].error?.message).toBe('Permission denied [code 200]');
		expect(items[1].json.id).toBe(emulator.ids.wabaId);
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});
});
