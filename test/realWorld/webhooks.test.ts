/**
 * Every webhook payload in ../shared/real-world/webhooks (written by Meta's docs, PyWa and whatsapp-api-js)
 * goes through the trigger, signed and escaped the way Meta sends it: every message, echo and status comes
 * out as its own item with all its keys, every other change as an item with all of its value, and the
 * customer's identity (phone number, BSUID, parent BSUID, username) beside it. Nothing is lost.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { TriggerHarness } from '../harness/runWebhook';
import { metaJson, sendWebhook } from '../emulator/webhookSender';
import { useEmulator } from '../helpers';
import { clearLogs, itemsOf, manualTrigger, warnings } from '../trigger/helpers';

type Json = Record<string, any>;

const DIR = path.resolve(__dirname, '../../../shared/real-world/webhooks');
const FILES = existsSync(DIR) ? readdirSync(DIR).filter((file) => file.endsWith('.json') && file !== 'sources.json').sort() : [];
const ECHO_FIELDS = ['message_echoes', 'smb_message_echoes'];
const describeWithShared = FILES.length ? describe : (name: string, body: () => void) => describe.skip(`${name} (skipped: ../shared/real-world/webhooks is not beside this clone)`, body);

/** What Meta would put on the wire: compact JSON, non-ASCII as \uXXXX; a captured delivery keeps its logged bytes. */
function wireBytes(file: string): { raw: Buffer; payload: Json } {
	const text = readFileSync(path.join(DIR, file), 'utf8');
	const payload = JSON.parse(text) as Json;
	return { raw: Buffer.from(file.startsWith('captured--') ? text : metaJson(payload), 'utf8'), payload };
}

/** The customer a message or status names, to find the contact entry Meta sent for it. */
function ownIds(event: Json, kind: 'message' | 'echo' | 'status'): [unknown, unknown] {
	if (kind === 'message') return [event.from, event.from_user_id];
	if (kind === 'echo') return [event.to, event.to_user_id];
	if (event.recipient_type === 'group') return [event.recipient_participant_id, event.recipient_participant_user_id];
	return [event.recipient_id, event.recipient_user_id];
}

function contactOf(contacts: Json[], [waId, userId]: [unknown, unknown]): Json | undefined {
	const named = (value: unknown) => value !== undefined && value !== '';
	return contacts.find((c) => (named(waId) && c.wa_id === waId) || (named(userId) && c.user_id === userId)) ?? (contacts.length === 1 ? contacts[0] : undefined);
}

/** The identity fields the item must carry for this contact (only what Meta sent). */
function expectedIdentity(contact: Json | undefined): Json {
	const identity: Json = {};
	if (contact?.user_id) identity.userId = contact.user_id;
	if (contact?.parent_user_id) identity.parentUserId = contact.parent_user_id;
	if (contact?.profile?.username) identity.username = contact.profile.username;
	if (contact?.profile?.name) identity.contactName = contact.profile.name;
	if (contact?.wa_id) identity.contactWaId = contact.wa_id;
	return identity;
}

describeWithShared(`real-world webhooks through the trigger (${FILES.length} payloads)`, () => {
	const env = useEmulator({ validateAgainstSpec: false });
	let trigger: TriggerHarness;
	const totals = { messages: 0, statuses: 0, changes: 0, userIds: 0 };

	beforeAll(async () => {
		// Every field, duplicates kept: sample payloads reuse ids across files.
		trigger = await manualTrigger(env.credentials, { options: { dropDuplicates: false } });
	});
	afterAll(async () => {
		await trigger.stop();
		// eslint-disable-next-line no-console
		console.log(`real-world webhooks: ${FILES.length} payloads → ${totals.messages} messages, ${totals.statuses} statuses, ${totals.changes} other changes; ${totals.userIds} BSUIDs reached items`);
	});
	beforeEach(clearLogs);

	it.each(FILES)('%s', async (file) => {
		const { raw, payload } = wireBytes(file);
		const response = await sendWebhook(trigger.webhookUrl, undefined, { rawBody: raw, appSecret: env.credentials.appSecret });
		expect(response.status).toBe(200);
		const items = (await itemsOf(trigger, trigger.deliveries[trigger.deliveries.length - 1])) ?? [];
		expect(warnings()).toEqual([]);

		const expected: Json[] = [];
		for (const entry of payload.entry as Json[]) {
			for (const change of entry.changes as Json[]) {
				const value = change.value ?? {};
				const contacts: Json[] = value.contacts ?? [];
				const echo = ECHO_FIELDS.includes(change.field);
				const messages: Json[] = (echo ? value.message_echoes : value.messages) ?? [];
				const statuses: Json[] = value.statuses ?? [];
				if (!messages.length && !statuses.length) {
					totals.changes++;
					expected.push({ ...value, field: change.field, wabaId: String(entry.id), ...expectedIdentity(contacts.length === 1 ? contacts[0] : undefined) });
					continue;
				}
				for (const [events, kind] of [[messages, echo ? 'echo' : 'message'], [statuses, 'status']] as const) {
					for (const event of events) {
						kind === 'status' ? totals.statuses++ : totals.messages++;
						const own: Json = { ...event, field: change.field, eventType: kind === 'status' ? 'status' : 'message', ...expectedIdentity(contactOf(contacts, ownIds(event, kind))) };
						// Errors Meta reports for the whole notification travel with each of its items.
						if (value.errors) own.errors = [...(event.errors ?? []), ...value.errors];
						expected.push(own);
					}
				}
			}
		}
		// One item per event, in order, each holding everything Meta sent about it.
		expect(items).toHaveLength(expected.length);
		expected.forEach((want, index) => expect(items[index]).toMatchObject(want));
		totals.userIds += items.filter((item) => item.userId).length;
	});
});
