import type { TriggerHarness } from '../harness/runWebhook';
import { useEmulator } from '../helpers';
import { incomingMessage, messageBuilders, messagesValue, single } from '../emulator/webhookEvents';
import { metaJson, sendWebhook, signatureFor, verifyCallback } from '../emulator/webhookSender';
import { fixture } from './fixtures';
import { clearLogs, deliverFixture, itemsOf, manualTrigger, warnings } from './helpers';
import { secretsEqual, verifySignature } from '../../nodes/WhatsAppBusinessPlatformTrigger/signature';
import { MAX_BODY_BYTES } from '../../nodes/WhatsAppBusinessPlatformTrigger/WhatsAppBusinessPlatformTrigger.node';

const env = useEmulator({ validateAgainstSpec: false });

describe('trigger: forged and broken deliveries are refused, nothing runs', () => {
	let trigger: TriggerHarness;
	beforeAll(async () => {
		trigger = await manualTrigger(env.credentials);
	});
	afterAll(async () => await trigger.stop());
	beforeEach(clearLogs);

	const refused = async (result: Awaited<ReturnType<typeof deliverFixture>>, status: number, why: RegExp) => {
		expect(result.response.status).toBe(status);
		expect(result.delivery.execution).toBeUndefined();
		expect(warnings().join('\n')).toMatch(why);
		expect(warnings().join('\n')).not.toContain(env.credentials.appSecret);
	};

	it('a flipped bit in the body', async () => {
		const raw = Buffer.from(fixture('message-text').raw);
		raw[raw.length - 20] ^= 0x01;
		await refused(await deliverFixture(trigger, 'message-text', { rawBody: raw }), 401, /does not match the body/);
	});

	it('a signature made with another secret', async () => {
		const stored = fixture('message-text');
		await refused(await deliverFixture(trigger, 'message-text', { signature: signatureFor(stored.raw, 'not-the-app-secret') }), 401, /does not match/);
	});

	it('only the SHA-1 X-Hub-Signature header', async () => {
		const stored = fixture('message-text');
		const sha1 = `sha1=${require('node:crypto').createHmac('sha1', env.credentials.appSecret!).update(stored.raw).digest('hex')}`;
		await refused(await deliverFixture(trigger, 'message-text', { signature: null, headers: { 'x-hub-signature': sha1 } }), 401, /only the SHA-1 X-Hub-Signature/);
	});

	it('no signature at all', async () => {
		await refused(await deliverFixture(trigger, 'message-text', { signature: null }), 401, /no X-Hub-Signature-256 header/);
	});

	it.each(['sha256=', 'sha256=zz', `md5=${'a'.repeat(64)}`, 'a'.repeat(64), `sha256=${'a'.repeat(63)}`])('a malformed signature header %j', async (header) => {
		await refused(await deliverFixture(trigger, 'message-text', { signature: header }), 401, /malformed/);
	});

	it('an empty body (with the real signature of another body, or correctly signed)', async () => {
		await refused(await deliverFixture(trigger, 'message-text', { rawBody: Buffer.alloc(0) }), 401, /does not match/);
		clearLogs();
		const empty = Buffer.alloc(0);
		await refused(await deliverFixture(trigger, 'message-text', { rawBody: empty, signature: signatureFor(empty, env.credentials.appSecret!) }), 400, /not JSON/);
	});

	it('a truncated body: n8n itself refuses unparseable JSON (422); sent as text it reaches the node and fails the signature', async () => {
		const raw = fixture('message-text').raw.subarray(0, 100);
		const asJson = await deliverFixture(trigger, 'message-text', { rawBody: raw });
		expect(asJson.response.status).toBe(422);
		expect(asJson.delivery.execution).toBeUndefined();
		await refused(await deliverFixture(trigger, 'message-text', { rawBody: raw, headers: { 'content-type': 'text/plain' } }), 401, /does not match/);
	});

	it('a body that is not JSON, even correctly signed', async () => {
		const raw = Buffer.from('hello=world&object=whatsapp_business_account');
		const signed = signatureFor(raw, env.credentials.appSecret!);
		await refused(await deliverFixture(trigger, 'message-text', { rawBody: raw, signature: signed, headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 400, /not JSON/);
		clearLogs();
		await refused(await deliverFixture(trigger, 'message-text', { rawBody: raw, headers: { 'content-type': 'text/plain' } }), 401, /does not match/);
	});

	it('a wrong object: forged → 401; signed by Meta for another product → acknowledged, dropped, logged', async () => {
		const page = { object: 'page', entry: [{ id: '1', time: 1, changes: [{ field: 'feed', value: { item: 'status' } }] }] };
		const forged = await sendWebhook(trigger.webhookUrl, page, { appSecret: 'forged' });
		expect(forged.status).toBe(401);
		clearLogs();
		const signed = await sendWebhook(trigger.webhookUrl, page, { appSecret: env.credentials.appSecret });
		expect(signed.status).toBe(200);
		expect(trigger.deliveries.at(-1)!.execution).toBeUndefined();
		expect(warnings().join('\n')).toMatch(/object "page"/);
	});

	it('a signed body that is JSON but not a notification', async () => {
		const result = await sendWebhook(trigger.webhookUrl, [1, 2, 3], { appSecret: env.credentials.appSecret });
		expect(result.status).toBe(400);
		expect(trigger.deliveries.at(-1)!.execution).toBeUndefined();
	});

	it('a 3 MB payload: over Meta\'s limit → 413 even when signed; under it → accepted', async () => {
		const big = (bytes: number) => {
			const payload = incomingMessage('text');
			const message = ((payload.entry as any)[0].changes[0].value.messages[0]);
			const padding = bytes - Buffer.byteLength(metaJson(payload));
			message.text.body += 'x'.repeat(padding);
			const raw = Buffer.from(metaJson(payload));
			expect(raw.length).toBe(bytes);
			return raw;
		};
		const over = big(MAX_BODY_BYTES + 1);
		const rejected = await deliverFixture(trigger, 'message-text', { rawBody: over, signature: signatureFor(over, env.credentials.appSecret!) });
		expect(rejected.response.status).toBe(413);
		expect(rejected.delivery.execution).toBeUndefined();
		const forged = big(MAX_BODY_BYTES);
		expect((await deliverFixture(trigger, 'message-text', { rawBody: forged, signature: signatureFor(forged, 'forged') })).response.status).toBe(401);
		const atLimit = big(MAX_BODY_BYTES);
		const accepted = await deliverFixture(trigger, 'message-text', { rawBody: atLimit, signature: signatureFor(atLimit, env.credentials.appSecret!) });
		expect(accepted.response.status).toBe(200);
		expect((await itemsOf(trigger, accepted.delivery))![0].text.body.length).toBeGreaterThan(3_000_000);
	});
});

describe('trigger: verification handshake (GET)', () => {
	let trigger: TriggerHarness;
	beforeAll(async () => {
		trigger = await manualTrigger(env.credentials);
	});
	afterAll(async () => await trigger.stop());
	beforeEach(clearLogs);

	const get = async (query: Record<string, string>) => {
		const url = new URL(trigger.webhookUrl);
		for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
		const response = await fetch(url);
		return { status: response.status, body: await response.text(), delivery: trigger.deliveries.at(-1)! };
	};

	it('answers the challenge as plain text when the verify token matches', async () => {
		const result = await verifyCallback(trigger.webhookUrl, env.credentials.verifyToken!);
		expect(result).toMatchObject({ ok: true, status: 200 });
		expect(trigger.deliveries.at(-1)!.execution).toBeUndefined();
	});

	it.each([
		['a wrong verify token', { 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1158201444' }, /does not match/],
		['a token that is a prefix of the right one', { 'hub.mode': 'subscribe', 'hub.verify_token': 'test-verify', 'hub.challenge': '1158201444' }, /does not match/],
		['no token', { 'hub.mode': 'subscribe', 'hub.challenge': '1158201444' }, /does not match/],
		['another mode', { 'hub.mode': 'unsubscribe', 'hub.verify_token': 'test-verify-token', 'hub.challenge': '1158201444' }, /not "subscribe"/],
		['a challenge with markup', { 'hub.mode': 'subscribe', 'hub.verify_token': 'test-verify-token', 'hub.challenge': '<script>alert(1)</script>' }, /not a plain token/],
	])('refuses %s with 403 and never echoes the challenge', async (_label, query, why) => {
		const result = await get(query as Record<string, string>);
		expect(result.status).toBe(403);
		expect(result.body).not.toContain(query['hub.challenge']);
		expect(result.delivery.execution).toBeUndefined();
		expect(warnings().join('\n')).toMatch(why);
	});

	it('refuses every handshake when the credential has no verify token', async () => {
		const noToken = await manualTrigger({ ...env.credentials, verifyToken: '' });
		const result = await verifyCallback(noToken.webhookUrl, '');
		expect(result.status).toBe(403);
		expect(warnings().join('\n')).toMatch(/no Webhook Verify Token/);
		await noToken.stop();
	});
});

describe('trigger: app secret missing, unsafe unsigned mode', () => {
	beforeEach(clearLogs);

	it('without an app secret every delivery is refused with 401 and the log says how to fix it', async () => {
		const trigger = await manualTrigger({ ...env.credentials, appSecret: '' });
		const result = await deliverFixture(trigger, 'message-text');
		expect(result.response.status).toBe(401);
		expect(result.delivery.execution).toBeUndefined();
		expect(warnings().join('\n')).toMatch(/no App Secret.*App settings → Basic/);
		await trigger.stop();
	});

	it('"Accept Unsigned Requests (Unsafe)" lets unsigned requests through, with a warning, but still checks signatures that are present', async () => {
		const trigger = await manualTrigger({ ...env.credentials, appSecret: '' }, { options: { allowUnsignedRequests: true } });
		const payload = single('messages', messagesValue({ messages: [messageBuilders.text()] }));
		const unsigned = await sendWebhook(trigger.webhookUrl, payload, { signature: null });
		expect(unsigned.status).toBe(200);
		expect(await itemsOf(trigger, trigger.deliveries.at(-1)!)).toHaveLength(1);
		expect(warnings().join('\n')).toMatch(/without a signature/);
		await trigger.stop();

		const withSecret = await manualTrigger(env.credentials, { options: { allowUnsignedRequests: true } });
		const forged = await sendWebhook(withSecret.webhookUrl, payload, { appSecret: 'forged' });
		expect(forged.status).toBe(401);
		await withSecret.stop();
	});
});

describe('signature and secret comparison', () => {
	const raw = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
	it('accepts Meta\'s lowercase and an uppercase hex signature, rejects the rest', () => {
		const good = signatureFor(raw, 's3cret');
		expect(verifySignature(raw, { 'x-hub-signature-256': good }, 's3cret')).toEqual({ valid: true });
		expect(verifySignature(raw, { 'x-hub-signature-256': `sha256=${good.slice(7).toUpperCase()}` }, 's3cret')).toEqual({ valid: true });
		expect(verifySignature(raw, { 'x-hub-signature-256': [good, good] }, 's3cret')).toMatchObject({ valid: false, reason: expect.stringMatching(/more than one/) });
		expect(verifySignature(Buffer.concat([raw, Buffer.from(' ')]), { 'x-hub-signature-256': good }, 's3cret').valid).toBe(false);
	});
	it('compares secrets of any length without throwing', () => {
		expect(secretsEqual('abc', 'abc')).toBe(true);
		expect(secretsEqual('abc', 'abcd')).toBe(false);
		expect(secretsEqual('', 'abc')).toBe(false);
		expect(secretsEqual('äbc', 'abc')).toBe(false);
	});
});
