import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import axios, { type AxiosRequestConfig } from 'axios';

import { DEFAULT_GRAPH_VERSION } from '../../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import { RateLimiter, DEFAULT_RATE_LIMITS } from '../emulator/rateLimits';
import { SpecValidator } from '../emulator/specValidator';
import { metaJson, signatureFor } from '../emulator/webhookSender';
import { describeWithSpec, useEmulator } from '../helpers';

const env = useEmulator({ requireAppSecretProof: true, maxPageSize: 2 });

function graph(method: string, path: string, options: { token?: string | null; proof?: string | null; data?: unknown; params?: Record<string, string> } = {}) {
	const { emulator } = env;
	const token = options.token === undefined ? emulator.ids.accessToken : options.token;
	const proof = options.proof === undefined && token ? createHmac('sha256', emulator.ids.appSecret).update(token).digest('hex') : options.proof;
	const config: AxiosRequestConfig = {
		method,
		url: `${emulator.url}/${DEFAULT_GRAPH_VERSION}${path}`,
		headers: token ? { Authorization: `Bearer ${token}` } : {},
		params: { ...(proof ? { appsecret_proof: proof } : {}), ...options.params },
		data: options.data,
		validateStatus: () => true,
	};
	return axios.request(config);
}

describe('emulator: authentication and access', () => {
	it('rejects a missing, unknown or expired token with Graph errors', async () => {
		expect((await graph('GET', '/me', { token: null })).data.error.code).toBe(2500);
		const unknown = await graph('GET', '/me', { token: 'nope-nope' });
		expect(unknown.status).toBe(401);
		expect(unknown.data.error).toMatchObject({ code: 190, type: 'OAuthException' });
		expect(unknown.data.error.fbtrace_id).toEqual(expect.any(String));
		const expired = await graph('GET', '/me', { token: env.emulator.ids.expiredToken });
		expect(expired.data.error).toMatchObject({ code: 190, error_subcode: 463 });
	});

	it('requires a correct appsecret_proof when the app demands it', async () => {
		expect((await graph('GET', '/me', { proof: null })).data.error.message).toMatch(/require an appsecret_proof/);
		expect((await graph('GET', '/me', { proof: 'deadbeef' })).data.error.message).toMatch(/Invalid appsecret_proof/);
		expect((await graph('GET', '/me')).data).toEqual({ id: env.emulator.ids.systemUserId, name: 'Automation System User' });
	});

	it('allows only the WABAs a token has access to (200)', async () => {
		const { ids } = env.emulator;
		expect((await graph('GET', `/${ids.wabaId}`)).status).toBe(200);
		const denied = await graph('GET', `/${ids.otherWabaId}`);
		expect(denied.status).toBe(403);
		expect(denied.data.error.code).toBe(200);
		expect((await graph('GET', `/${ids.wabaId}`, { token: ids.limitedToken })).data.error.code).toBe(200);
		expect((await graph('GET', `/${ids.secondWabaId}`, { token: ids.limitedToken })).status).toBe(200);
	});

	it('answers unknown objects and edges like Graph does', async () => {
		expect((await graph('GET', '/424242424242')).data.error).toMatchObject({ code: 100, error_subcode: 33 });
		expect((await graph('GET', `/${env.emulator.ids.wabaId}/no_such_edge`)).data.error.code).toBe(100);
	});

	it('sends usage headers', async () => {
		const response = await graph('GET', `/${env.emulator.ids.wabaId}`);
		expect(JSON.parse(response.headers['x-app-usage'])).toHaveProperty('call_count');
		expect(JSON.parse(response.headers['x-business-use-case-usage'])[env.emulator.ids.wabaId][0]).toHaveProperty('estimated_time_to_regain_access');
		expect(response.headers['x-fb-trace-id']).toBeTruthy();
	});
});

describe('emulator: pagination and fields', () => {
	it('pages with cursors and leaves out `next` on the last page', async () => {
		const { ids } = env.emulator;
		const first = await graph('GET', `/${ids.wabaId}/phone_numbers`, { params: { limit: '2', fields: 'id,display_phone_number' } });
		expect(first.data.data).toHaveLength(2);
		expect(Object.keys(first.data.data[0]).sort()).toEqual(['display_phone_number', 'id']);
		expect(first.data.paging.next).toBeDefined();
		const second = await graph('GET', `/${ids.wabaId}/phone_numbers`, { params: { limit: '2', after: first.data.paging.cursors.after } });
		expect(second.data.data.map((number: { id: string }) => number.id)).not.toContain(first.data.data[0].id);
		expect(second.data.paging.next).toBeUndefined();
	});

	it('never exposes internal bookkeeping fields', async () => {
		const phone = await graph('GET', `/${env.emulator.ids.phoneNumberId}`, { params: { fields: 'id,pin,wabaId,businessProfile,verified_name' } });
		expect(phone.data).toEqual({ id: env.emulator.ids.phoneNumberId, verified_name: 'Acme Support' });
	});
});

describeWithSpec('emulator: validation against Meta\'s OpenAPI spec', () => {
	const spec = new SpecValidator();
	const send = (body: unknown) => spec.check('sendMessage', { method: 'POST', path: '/v23.0/1/messages', body });

	it('rejects a text message without messaging_product and accepts a proper one', async () => {
		const missing = await send({ recipient_type: 'individual', to: '15550100001', type: 'text', text: { body: 'hi' } });
		expect(missing?.errors).toEqual([expect.stringContaining("required property 'messaging_product'")]);
		expect(await send({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550100001', type: 'text', text: { body: 'hi' } })).toBeUndefined();
	});

	it('rejects a message whose type-specific object is missing', async () => {
		const result = await send({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550100001', type: 'image' });
		expect(result?.errors.join(' ')).toContain("required property 'image'");
	});

	it('rejects a bad WABA update through HTTP with code 100 and the schema details', async () => {
		const response = await graph('POST', `/${env.emulator.ids.wabaId}`, { data: { name: ['not', 'a', 'string'] } });
		expect(response.status).toBe(400);
		expect(response.data.error.code).toBe(100);
		expect(response.data.error.error_data.details).toMatch(/updateWhatsAppBusinessAccount/);
	});
});

describe('emulator: rate limits', () => {
	let now = 1_000_000;
	const clock = () => now;

	it('answers 80008 past the per-WABA hourly budget, with the time to regain access', () => {
		const limiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, wabaCallsPerHour: 3 }, clock);
		for (let call = 0; call < 3; call++) limiter.chargeWabaCall('w');
		let error: { code?: number; extra?: { headers?: Record<string, string> } } = {};
		try {
			limiter.chargeWabaCall('w');
		} catch (thrown) {
			error = thrown as typeof error;
		}
		expect(error.code).toBe(80008);
		expect(JSON.parse(error.extra!.headers!['x-business-use-case-usage']).w[0].estimated_time_to_regain_access).toBe(60);
		now += 3_600_001;
		expect(() => limiter.chargeWabaCall('w')).not.toThrow();
	});

	it('answers 130429 past the per-number throughput within one second', () => {
		const limiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, messagesPerSecond: 5 }, clock);
		for (let message = 0; message < 5; message++) limiter.chargeMessage('p', `rcpt${message}`);
		expect(() => limiter.chargeMessage('p', 'rcpt9')).toThrow(expect.objectContaining({ code: 130429 }));
		now += 1001;
		expect(() => limiter.chargeMessage('p', 'rcpt9')).not.toThrow();
	});

	it('answers 131056 past the pair burst and refills one message per window', () => {
		const limiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, messagesPerSecond: 1000, pairBurst: 2, pairRefillMs: 6000 }, clock);
		limiter.chargeMessage('p', 'same');
		limiter.chargeMessage('p', 'same');
		expect(() => limiter.chargeMessage('p', 'same')).toThrow(expect.objectContaining({ code: 131056 }));
		expect(() => limiter.chargeMessage('p', 'someone-else')).not.toThrow();
		now += 6000;
		expect(() => limiter.chargeMessage('p', 'same')).not.toThrow();
	});
});

describe('emulator: faults', () => {
	it('drops connections, sends malformed JSON and server errors on demand', async () => {
		const { emulator } = env;
		const path = `/${emulator.ids.wabaId}`;
		emulator.faults.add({ kind: 'drop', path });
		await expect(graph('GET', path)).rejects.toMatchObject({ code: 'ECONNRESET' });
		emulator.faults.add({ kind: 'malformed', path });
		const malformed = await axios.get(`${emulator.url}/${DEFAULT_GRAPH_VERSION}${path}`, {
			headers: { Authorization: `Bearer ${emulator.ids.accessToken}` },
			params: { appsecret_proof: createHmac('sha256', emulator.ids.appSecret).update(emulator.ids.accessToken).digest('hex') },
			transformResponse: (text) => text,
		});
		expect(() => JSON.parse(malformed.data)).toThrow();
		emulator.faults.add({ kind: 'serverError', status: 503, path });
		const failed = await graph('GET', path);
		expect(failed.status).toBe(503);
		expect(failed.data.error).toMatchObject({ code: 2, is_transient: true });
		expect((await graph('GET', path)).status).toBe(200);
	});

	it('delays answers for slow-response faults', async () => {
		const { emulator } = env;
		emulator.faults.add({ kind: 'slow', delayMs: 300, path: `/${emulator.ids.wabaId}` });
		const started = Date.now();
		await graph('GET', `/${emulator.ids.wabaId}`);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});
});

describe('emulator: webhooks', () => {
	let server: Server;
	let callbackUrl: string;
	let answerChallenge = true;
	const received: Array<{ method: string; url: string; headers: Record<string, unknown>; body: Buffer }> = [];

	beforeAll(async () => {
		server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk) => chunks.push(chunk));
			req.on('end', () => {
				received.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
				const url = new URL(req.url!, 'http://x');
				if (req.method === 'GET' && answerChallenge && url.searchParams.get('hub.verify_token') === 'my-verify-token') {
					res.end(url.searchParams.get('hub.challenge'));
				} else {
					res.statusCode = req.method === 'GET' ? 403 : 200;
					res.end();
				}
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		callbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
	});
	afterAll(() => new Promise((resolve) => server.close(resolve)));

	it('escapes non-ASCII like Meta and signs the exact bytes it sends', async () => {
		expect(metaJson({ text: 'olá 👋' })).toBe('{"text":"ol\\u00e1 \\ud83d\\udc4b"}');
		const delivery = await env.emulator.sendWebhook(callbackUrl, { object: 'whatsapp_business_account', entry: [{ text: 'olá' }] });
		expect(delivery.status).toBe(200);
		const last = received[received.length - 1];
		expect(last.body.toString()).toContain('ol\\u00e1');
		expect(last.headers['x-hub-signature-256']).toBe(signatureFor(last.body, env.emulator.ids.appSecret));
	});

	it('subscribes a WABA with an override callback only after the callback passes the handshake', async () => {
		const { ids } = env.emulator;
		const ok = await graph('POST', `/${ids.wabaId}/subscribed_apps`, { data: { override_callback_uri: callbackUrl, verify_token: 'my-verify-token' } });
		expect(ok.data).toEqual({ success: true });
		expect(env.emulator.handshakes[env.emulator.handshakes.length - 1]).toMatchObject({ url: callbackUrl, ok: true });
		const listed = await graph('GET', `/${ids.wabaId}/subscribed_apps`);
		expect(listed.data.data[0]).toMatchObject({ override_callback_uri: callbackUrl, whatsapp_business_api_data: { id: ids.appId } });

		const refused = await graph('POST', `/${ids.wabaId}/subscribed_apps`, { data: { override_callback_uri: callbackUrl, verify_token: 'wrong' } });
		expect(refused.data.error.code).toBe(2200);
		expect((await graph('DELETE', `/${ids.wabaId}/subscribed_apps`)).data).toEqual({ success: true });
		expect((await graph('GET', `/${ids.wabaId}/subscribed_apps`)).data.data).toEqual([]);
	});
});
