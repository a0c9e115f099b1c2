import { createHmac } from 'node:crypto';

import type { TriggerHarness } from '../harness/runWebhook';
import { useEmulator } from '../helpers';
import { OTHER_FIELDS, messageBuilders, DEFAULT_IDS, CUSTOMER, USERNAME_CUSTOMER } from '../emulator/webhookEvents';
import { signatureFor } from '../emulator/webhookSender';
import { fixture } from './fixtures';
import { ALL_EVENT_VALUES, clearLogs, deliverFixture, itemsOf, manualTrigger, warnings } from './helpers';
import { EVENT_OPTIONS } from '../../nodes/WhatsAppBusinessPlatformTrigger/events';
import { RecentEvents, recentEvents } from '../../nodes/WhatsAppBusinessPlatformTrigger/duplicates';
import { deduplicator } from '../harness/deduplication';
import { sendWebhook } from '../emulator/webhookSender';

const env = useEmulator({ validateAgainstSpec: false });

type Json = Record<string, any>;
const firstChange = (payload: Json) => payload.entry[0].changes[0];

describe('trigger: every message type, status and field from signed fixtures', () => {
	let trigger: TriggerHarness;
	beforeAll(async () => {
		trigger = await manualTrigger(env.credentials);
	});
	afterAll(async () => await trigger.stop());
	beforeEach(clearLogs);

	const customer = { contactName: CUSTOMER.name, contactWaId: CUSTOMER.waId, userId: CUSTOMER.userId };
	/** What the trigger puts beside a message to say who sent it, per builder. */
	const identityFor = (type: string, message: Json): Json => {
		// No phone number is made up for a customer known only by BSUIDs and a username.
		if (type === 'usernameOnly') return { contactName: USERNAME_CUSTOMER.name, username: USERNAME_CUSTOMER.username, userId: USERNAME_CUSTOMER.userId, parentUserId: USERNAME_CUSTOMER.parentUserId };
		// System messages carry no contacts: the ids come from the message, the change side by side.
		if (type === 'system') return { contactWaId: CUSTOMER.waId, userId: CUSTOMER.userId, previousWaId: CUSTOMER.waId, newWaId: message.system.wa_id };
		if (type === 'userIdChange') return { contactWaId: CUSTOMER.waId, userId: CUSTOMER.userId, previousUserId: CUSTOMER.userId, newUserId: message.system.user_id };
		return customer;
	};

	it.each(Object.keys(messageBuilders))('message %s: one item, with who sent it and the metadata beside it', async (type) => {
		const { response, delivery, stored } = await deliverFixture(trigger, `message-${type}`);
		expect(response.status).toBe(200);
		const items = await itemsOf(trigger, delivery);
		const value = firstChange(stored.payload).value;
		const message = value.messages[0];
		expect(items).toEqual([
			{
				...message,
				field: 'messages',
				eventType: 'message',
				wabaId: DEFAULT_IDS.wabaId,
				phoneNumberId: DEFAULT_IDS.phoneNumberId,
				displayPhoneNumber: DEFAULT_IDS.displayPhoneNumber,
				metadata: value.metadata,
				...identityFor(type, message),
			},
		]);
		expect(warnings()).toEqual([]);
	});

	it.each(['sent', 'delivered', 'read', 'failed', 'played'])('status %s: one item with the recipient', async (status) => {
		const { response, delivery, stored } = await deliverFixture(trigger, `status-${status}`);
		expect(response.status).toBe(200);
		const items = await itemsOf(trigger, delivery);
		const value = firstChange(stored.payload).value;
		// Failed statuses come without contacts: the recipient's ids come from the status itself.
		const recipient = status === 'failed' ? { contactWaId: CUSTOMER.waId, userId: CUSTOMER.userId } : customer;
		expect(items).toEqual([{ ...value.statuses[0], field: 'messages', eventType: 'status', wabaId: DEFAULT_IDS.wabaId, phoneNumberId: DEFAULT_IDS.phoneNumberId, displayPhoneNumber: DEFAULT_IDS.displayPhoneNumber, metadata: value.metadata, ...recipient }]);
		if (status === 'failed') expect(items![0].errors[0]).toMatchObject({ code: 131047, error_data: { details: expect.stringContaining('24 hours') } });
	});

	const SPLIT_FIELDS = ['smb_message_echoes', 'message_echoes', 'standby'];
	it.each(OTHER_FIELDS.filter((field) => !SPLIT_FIELDS.includes(field)))('field %s: one item per change', async (field) => {
		const { response, delivery, stored } = await deliverFixture(trigger, `field-${field}`);
		expect(response.status).toBe(200);
		const items = await itemsOf(trigger, delivery);
		const value = firstChange(stored.payload).value;
		// The one customer a change is about (calls, marketing preferences, handovers) is flattened beside it too.
		const identity = value.contacts?.length === 1 ? customer : {};
		expect(items).toEqual([{ ...value, field, wabaId: DEFAULT_IDS.wabaId, time: stored.payload.entry[0].time, ...identity }]);
	});

	it.each(['smb_message_echoes', 'message_echoes'])('%s: one item per message the business sent, with the customer it went to', async (field) => {
		const { delivery, stored } = await deliverFixture(trigger, `field-${field}`);
		const items = await itemsOf(trigger, delivery);
		const echo = firstChange(stored.payload).value.message_echoes[0];
		expect(items).toEqual([expect.objectContaining({ ...echo, field, eventType: 'message', contactWaId: CUSTOMER.waId, ...(field === 'message_echoes' ? { userId: CUSTOMER.userId } : {}) })]);
	});

	it('standby: messages of threads another app controls, one item each', async () => {
		const { delivery, stored } = await deliverFixture(trigger, 'field-standby');
		const message = firstChange(stored.payload).value.messages[0];
		expect(await itemsOf(trigger, delivery)).toEqual([expect.objectContaining({ ...message, field: 'standby', eventType: 'message', ...customer })]);
	});

	it('a batch with several entries and changes yields every event, in order, none lost', async () => {
		const { response, delivery } = await deliverFixture(trigger, 'batch-multi-entry');
		expect(response.status).toBe(200);
		const items = (await itemsOf(trigger, delivery))!;
		expect(items.map((item) => [item.wabaId, item.field, item.eventType ?? null, item.type ?? item.status ?? null])).toEqual([
			['102290129340398', 'messages', 'message', 'text'],
			['102290129340398', 'messages', 'message', 'image'],
			['102290129340398', 'messages', 'status', 'delivered'],
			['102290129340398', 'messages', 'status', 'read'],
			['102290129340398', 'message_template_status_update', null, null],
			['102290129340399', 'messages', 'message', 'location'],
			['102290129340399', 'account_update', null, null],
		]);
		expect(items[1]).toMatchObject({ contactName: 'Jörg Müller', contactWaId: '4915112345678' });
		expect(items[5]).toMatchObject({ phoneNumberId: '106540352242923' });
	});

	it('non-ASCII text with Meta\'s \\uXXXX escaping: the signature over the raw bytes passes, re-serialised JSON would not', async () => {
		const stored = fixture('non-ascii');
		expect(stored.raw.toString('utf8')).toContain('\\u00e1');
		expect(stored.raw.every((byte) => byte < 0x80)).toBe(true);
		const reserialised = Buffer.from(JSON.stringify(stored.payload), 'utf8');
		expect(signatureFor(reserialised, env.credentials.appSecret!)).not.toBe(stored.signature);

		const { response, delivery } = await deliverFixture(trigger, 'non-ascii');
		expect(response.status).toBe(200);
		const items = await itemsOf(trigger, delivery);
		expect(items![0].text.body).toBe('Olá! Grüße aus Köln — 你好, مرحبا, привет 👍🇧🇷 "quoted" \\ backslash </script>');

		const forged = await deliverFixture(trigger, 'non-ascii', { rawBody: reserialised });
		expect(forged.response.status).toBe(401);
		expect(forged.delivery.execution).toBeUndefined();
	});

	it('signatures.json matches the fixture bytes (fixtures are what Meta would sign)', () => {
		const stored = fixture('message-text');
		expect(stored.signature).toBe(`sha256=${createHmac('sha256', env.credentials.appSecret!).update(stored.raw).digest('hex')}`);
	});
});

describe('trigger: choosing events, filters, raw output', () => {
	beforeEach(clearLogs);

	it('"Trigger On" offers every field the emulator can send, sorted by name, each explained', () => {
		expect([...ALL_EVENT_VALUES].sort()).toEqual([...OTHER_FIELDS, 'messages', 'statuses'].sort());
		const names = EVENT_OPTIONS.map((option) => option.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		for (const option of EVENT_OPTIONS) expect(option.description).toMatch(/^[A-Z].{20,}[^.]$/);
	});

	it('events not chosen are acknowledged with 200 and dropped, no execution', async () => {
		const trigger = await manualTrigger(env.credentials, { events: ['messages'] });
		for (const name of ['status-read', 'field-message_template_status_update', 'field-security']) {
			const { response, delivery } = await deliverFixture(trigger, name);
			expect(response.status).toBe(200);
			expect(delivery.execution).toBeUndefined();
		}
		const { delivery } = await deliverFixture(trigger, 'batch-multi-entry');
		expect((await itemsOf(trigger, delivery))!.map((item) => item.type)).toEqual(['text', 'image', 'location']);
		await trigger.stop();
	});

	it('statuses only, without messages', async () => {
		const trigger = await manualTrigger(env.credentials, { events: ['statuses'] });
		const { delivery } = await deliverFixture(trigger, 'batch-multi-entry');
		expect((await itemsOf(trigger, delivery))!.map((item) => item.status)).toEqual(['delivered', 'read']);
		await trigger.stop();
	});

	it('status filter keeps only the chosen statuses', async () => {
		const trigger = await manualTrigger(env.credentials, { events: ['messages', 'statuses'], options: { statuses: ['read', 'failed'] } });
		expect((await deliverFixture(trigger, 'status-delivered')).delivery.execution).toBeUndefined();
		expect((await deliverFixture(trigger, 'status-sent')).response.status).toBe(200);
		const read = await deliverFixture(trigger, 'status-read');
		expect((await itemsOf(trigger, read.delivery))!.map((item) => item.status)).toEqual(['read']);
		const batch = await deliverFixture(trigger, 'batch-multi-entry');
		expect((await itemsOf(trigger, batch.delivery))!.filter((item) => item.eventType === 'status').map((item) => item.status)).toEqual(['read']);
		await trigger.stop();
	});

	it('phone number filter drops other numbers and keeps events without a number', async () => {
		const trigger = await manualTrigger(env.credentials, { options: { phoneNumberIds: ` ${DEFAULT_IDS.phoneNumberId} , 999` } });
		const { delivery } = await deliverFixture(trigger, 'batch-multi-entry');
		const items = (await itemsOf(trigger, delivery))!;
		expect(items.map((item) => item.type ?? item.status ?? item.field)).toEqual(['text', 'image', 'delivered', 'read', 'message_template_status_update', 'account_update']);
		await trigger.stop();
	});

	it('raw output: one item per change, exactly as sent', async () => {
		const trigger = await manualTrigger(env.credentials, { options: { outputRawChanges: true } });
		const { delivery, stored } = await deliverFixture(trigger, 'batch-multi-entry');
		const expected = (stored.payload.entry as Json[]).flatMap((entry) => entry.changes.map((change: Json) => ({ wabaId: entry.id, time: entry.time, field: change.field, value: change.value })));
		expect(await itemsOf(trigger, delivery)).toEqual(expected);
		expect(expected).toHaveLength(5);
		await trigger.stop();
	});
});

describe('trigger: duplicates (Meta redelivers)', () => {
	it('a redelivered message and status start no second execution; a new status of the same message does', async () => {
		const trigger = await manualTrigger(env.credentials);
		const first = await deliverFixture(trigger, 'batch-multi-entry');
		expect(await itemsOf(trigger, first.delivery)).toHaveLength(7);
		const again = await deliverFixture(trigger, 'batch-multi-entry');
		expect(again.response.status).toBe(200);
		expect(again.delivery.execution).toBeUndefined();
		// Nothing relies on workflow static data, which n8n 2.41 does not save after webhooks.
		expect(trigger.storedStaticData).toEqual({});

		const read = await deliverFixture(trigger, 'status-read');
		const delivered = await deliverFixture(trigger, 'status-delivered');
		expect(await itemsOf(trigger, read.delivery)).toHaveLength(1);
		expect(await itemsOf(trigger, delivered.delivery)).toHaveLength(1);
		expect((await deliverFixture(trigger, 'status-read')).delivery.execution).toBeUndefined();
		await trigger.stop();
	});

	it('5 copies at the same moment start one execution', async () => {
		const trigger = await manualTrigger(env.credentials);
		const stored = fixture('message-text');
		const responses = await Promise.all(Array.from({ length: 5 }, () => sendWebhook(trigger.webhookUrl, undefined, { rawBody: stored.raw, signature: stored.signature })));
		expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
		const runs = await trigger.executions();
		expect(runs).toHaveLength(1);
		expect((await trigger.outputItems()).flat().map((item) => item.json.id)).toEqual([firstChange(stored.payload).value.messages[0].id]);
		await trigger.stop();
	});

	it('after a restart (memory gone) a copy is caught by n8n\'s duplicate record: the run has no items', async () => {
		const trigger = await manualTrigger(env.credentials);
		expect(await itemsOf(trigger, (await deliverFixture(trigger, 'message-image')).delivery)).toHaveLength(1);
		recentEvents.clear();
		const copy = await deliverFixture(trigger, 'message-image');
		expect(copy.delivery.execution).toBeDefined();
		expect(await itemsOf(trigger, copy.delivery)).toEqual([]);
		expect(await deduplicator.getProcessedDataCount('node', { workflow: { id: trigger.workflowId, active: true }, node: trigger.node })).toBe(1);
		await trigger.stop();
	});

	it('when n8n\'s duplicate record fails, every event is kept and the reason is logged', async () => {
		const trigger = await manualTrigger(env.credentials);
		const spy = jest.spyOn(deduplicator, 'checkProcessedAndRecord').mockRejectedValueOnce(new Error('database is locked'));
		clearLogs();
		expect(await itemsOf(trigger, (await deliverFixture(trigger, 'message-video')).delivery)).toHaveLength(1);
		expect(warnings()).toEqual([expect.stringContaining('database is locked')]);
		spy.mockRestore();
		await trigger.stop();
	});

	it('keeps duplicates when switched off', async () => {
		const trigger = await manualTrigger(env.credentials, { options: { dropDuplicates: false } });
		await deliverFixture(trigger, 'message-text');
		const again = await deliverFixture(trigger, 'message-text');
		expect(await itemsOf(trigger, again.delivery)).toHaveLength(1);
		await trigger.stop();
	});

	it('each trigger has its own window; a window remembers a bounded number of events, oldest forgotten first', () => {
		const window = new RecentEvents(3, 2);
		const items = (ids: string[]) => ids.map((id) => ({ eventType: 'message', field: 'messages', id }));
		expect(window.claim('a', items(['1', '2', '3', '4'])).fresh).toHaveLength(4);
		const result = window.claim('a', items(['1', '2', '2', '5']));
		expect(result.fresh.map((item) => item.id)).toEqual(['1', '5']);
		expect(result.duplicates).toBe(2);
		expect(window.claim('b', items(['5'])).fresh).toHaveLength(1);
		window.claim('c', items(['9']));
		// 'a' was the least recently used of three scopes with room for two: forgotten.
		expect(window.claim('a', items(['5'])).fresh).toHaveLength(1);
	});

	it('an event whose execution was never seen to start is let through again after a while (n8n may have failed to start it)', () => {
		let now = 1_000_000;
		const window = new RecentEvents(100, 10, 10_000, () => now);
		const item = [{ eventType: 'message', field: 'messages', id: 'wamid.1' }];
		const started = [{ eventType: 'message', field: 'messages', id: 'wamid.2' }];
		window.claim('t', [...item, ...started]);
		window.confirm('t', ['m:messages:wamid.2']);
		now += 9_999;
		expect(window.claim('t', [...item, ...started]).fresh).toEqual([]);
		now += 1;
		expect(window.claim('t', [...item, ...started]).fresh).toEqual(item);
		now += 60 * 60_000;
		expect(window.claim('t', started).fresh).toEqual([]);
	});

});
