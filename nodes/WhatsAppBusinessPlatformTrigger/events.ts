import { createHash } from 'crypto';
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

/** Choice for status updates, which Meta delivers inside the `messages` field. */
export const STATUSES_EVENT = 'statuses';

/** Every WhatsApp Business Account webhook field (plus `statuses`, split out of `messages`). */
export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Account Alerts', value: 'account_alerts', description: 'Alerts about the account, e.g. messaging limit or policy alerts' },
	{ name: 'Account Review Update', value: 'account_review_update', description: 'The WABA passed or failed review' },
	{ name: 'Account Update', value: 'account_update', description: 'Account changes: verification, bans, restrictions, partner sharing, offboarding' },
	{ name: 'Business Capability Update', value: 'business_capability_update', description: 'Messaging limit or phone number limit changed' },
	{ name: 'Calls', value: 'calls', description: 'WhatsApp Business Calling events' },
	{ name: 'Flows', value: 'flows', description: 'Flow status changes, endpoint errors and availability' },
	{ name: 'History', value: 'history', description: 'Chat history shared by a WhatsApp Business app user (coexistence)' },
	{ name: 'Message Status Updates', value: STATUSES_EVENT, description: 'Sent, delivered, read, failed and played statuses of messages you sent (one item per status)' },
	{ name: 'Message Template Components Update', value: 'message_template_components_update', description: 'A template\'s components were edited' },
	{ name: 'Message Template Quality Update', value: 'message_template_quality_update', description: 'A template\'s quality rating changed' },
	{ name: 'Message Template Status Update', value: 'message_template_status_update', description: 'A template was approved, rejected, paused or disabled' },
	{ name: 'Messages', value: 'messages', description: 'Messages customers send to your numbers (one item per message)' },
	{ name: 'Partner Solutions', value: 'partner_solutions', description: 'Multi-partner solution status changes' },
	{ name: 'Payment Configuration Update', value: 'payment_configuration_update', description: 'Payment configuration changes (India, Brazil payments)' },
	{ name: 'Phone Number Name Update', value: 'phone_number_name_update', description: 'A display name request was approved or rejected' },
	{ name: 'Phone Number Quality Update', value: 'phone_number_quality_update', description: 'A number\'s quality rating or messaging tier changed' },
	{ name: 'Security', value: 'security', description: 'Two-step verification PIN changes and resets' },
	{ name: 'SMB App State Sync', value: 'smb_app_state_sync', description: 'Contacts of a WhatsApp Business app user changed (coexistence)' },
	{ name: 'SMB Message Echoes', value: 'smb_message_echoes', description: 'Messages sent from the WhatsApp Business app (coexistence), one item per message' },
	{ name: 'Template Category Update', value: 'template_category_update', description: 'A template\'s category changed or will change' },
	{ name: 'User Preferences', value: 'user_preferences', description: 'A customer stopped or resumed marketing messages' },
];

export const ALL_EVENTS = EVENT_OPTIONS.map((option) => String(option.value));

export const STATUS_VALUES = ['sent', 'delivered', 'read', 'failed', 'played'] as const;

export interface EventSelection {
	events: string[];
	/** Status values to keep; empty or undefined keeps all. */
	statuses?: string[];
	/** Phone number ids to keep; events without a phone number id are kept. */
	phoneNumberIds?: string[];
	/** One item per change, untouched, instead of one per message/status. */
	rawChanges?: boolean;
}

export interface ExtractedEvent {
	json: IDataObject;
	/** Identity of the event for duplicate detection. */
	dedupeKey: string;
}

export interface Extraction {
	events: ExtractedEvent[];
	/** How many events were dropped, by reason, for the log. */
	dropped: Record<string, number>;
}

interface Change {
	field?: string;
	value?: IDataObject;
}

interface Entry {
	id?: string;
	time?: number;
	changes?: Change[];
}

const asArray = (value: unknown): IDataObject[] => (Array.isArray(value) ? (value as IDataObject[]) : []);

function hashOf(...parts: unknown[]): string {
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

function contactFor(contacts: IDataObject[], waId: unknown): IDataObject | undefined {
	const match = contacts.find((contact) => contact.wa_id !== undefined && contact.wa_id === waId);
	if (match) return match;
	return contacts.length === 1 ? contacts[0] : undefined;
}

function contactName(contact: IDataObject | undefined): string | undefined {
	const profile = contact?.profile as IDataObject | undefined;
	return profile?.name === undefined ? undefined : String(profile.name);
}

/**
 * Turns one verified delivery into workflow items: one per message, one per status update, one
 * per change of any other field (or one per change, untouched, with `rawChanges`). Entries and
 * changes are walked in order, so a batched delivery yields every event it holds.
 */
export function extractEvents(payload: IDataObject, selection: EventSelection): Extraction {
	const chosen = new Set(selection.events);
	const statuses = selection.statuses?.length ? new Set(selection.statuses) : undefined;
	const phones = selection.phoneNumberIds?.length ? new Set(selection.phoneNumberIds) : undefined;
	const events: ExtractedEvent[] = [];
	const dropped: Record<string, number> = {};
	const drop = (reason: string, count = 1) => {
		if (count > 0) dropped[reason] = (dropped[reason] ?? 0) + count;
	};

	for (const entry of asArray(payload.entry) as Entry[]) {
		const wabaId = entry.id === undefined ? undefined : String(entry.id);
		for (const change of asArray(entry.changes) as Change[]) {
			const field = String(change.field ?? '');
			const value = (change.value ?? {}) as IDataObject;
			const metadata = value.metadata as IDataObject | undefined;
			const phoneNumberId = metadata?.phone_number_id === undefined ? undefined : String(metadata.phone_number_id);
			// Coexistence echoes (messages sent from the WhatsApp Business app) come as message_echoes.
			const messages = asArray(field === 'smb_message_echoes' ? value.message_echoes : value.messages);
			const statusUpdates = asArray(value.statuses);
			const isMessagesField = field === 'messages';

			if (phones && phoneNumberId !== undefined && !phones.has(phoneNumberId)) {
				drop('other phone number', Math.max(1, messages.length + statusUpdates.length));
				continue;
			}

			if (selection.rawChanges) {
				const wanted = isMessagesField
					? (messages.length > 0 && chosen.has('messages')) ||
						(statusUpdates.length > 0 && chosen.has(STATUSES_EVENT)) ||
						(messages.length === 0 && statusUpdates.length === 0 && chosen.has('messages'))
					: chosen.has(field);
				if (!wanted) {
					drop(`event not chosen (${field})`);
					continue;
				}
				events.push({
					json: { wabaId, time: entry.time, field, value },
					dedupeKey: `c:${hashOf(wabaId, entry.time, field, value)}`,
				});
				continue;
			}

			const carriesMessages = isMessagesField || field === 'smb_message_echoes';
			if (!carriesMessages || (messages.length === 0 && statusUpdates.length === 0)) {
				if (!chosen.has(field)) {
					drop(`event not chosen (${field})`);
					continue;
				}
				events.push({
					json: { ...value, field, wabaId, time: entry.time },
					dedupeKey: `c:${hashOf(wabaId, entry.time, field, value)}`,
				});
				continue;
			}

			const contacts = asArray(value.contacts);
			const common: IDataObject = { field, wabaId };
			if (metadata) {
				common.phoneNumberId = phoneNumberId;
				common.displayPhoneNumber = metadata.display_phone_number;
			}

			const messageEvent = isMessagesField ? 'messages' : field;
			if (messages.length && !chosen.has(messageEvent)) {
				drop(`event not chosen (${messageEvent})`, messages.length);
			} else {
				for (const message of messages) {
					const contact = contactFor(contacts, isMessagesField ? message.from : message.to);
					events.push({
						json: {
							...message,
							...common,
							eventType: 'message',
							contactName: contactName(contact),
							contactWaId: contact?.wa_id ?? (isMessagesField ? message.from : message.to),
							metadata,
						},
						dedupeKey: `m:${String(message.id ?? hashOf(wabaId, message))}`,
					});
				}
			}

			if (statusUpdates.length && !chosen.has(STATUSES_EVENT)) {
				drop('event not chosen (statuses)', statusUpdates.length);
				continue;
			}
			for (const status of statusUpdates) {
				if (statuses && !statuses.has(String(status.status))) {
					drop(`status filtered out (${String(status.status)})`);
					continue;
				}
				const contact = contactFor(contacts, status.recipient_id);
				events.push({
					json: {
						...status,
						...common,
						eventType: 'status',
						contactName: contactName(contact),
						contactWaId: contact?.wa_id ?? status.recipient_id,
						metadata,
					},
					dedupeKey: `s:${String(status.id ?? hashOf(wabaId, status))}:${String(status.status)}`,
				});
			}
		}
	}
	return { events, dropped };
}

/** Largest number of event keys remembered for duplicate detection. */
export const DEDUPE_CAPACITY = 10_000;

/**
 * Drops events whose key was seen before (Meta redelivers for up to 7 days) and remembers the
 * new keys in `store.seen`, oldest first, keeping at most `capacity` keys.
 */
export function dropDuplicates(events: ExtractedEvent[], store: IDataObject, capacity = DEDUPE_CAPACITY): { fresh: ExtractedEvent[]; duplicates: number } {
	const seenList = Array.isArray(store.seen) ? [...(store.seen as string[])] : [];
	const seen = new Set(seenList);
	const fresh: ExtractedEvent[] = [];
	let duplicates = 0;
	for (const event of events) {
		if (seen.has(event.dedupeKey)) {
			duplicates++;
			continue;
		}
		seen.add(event.dedupeKey);
		seenList.push(event.dedupeKey);
		fresh.push(event);
	}
	if (fresh.length) {
		// A fresh array each time, so n8n notices the change and saves the static data.
		store.seen = seenList.slice(Math.max(0, seenList.length - capacity));
	}
	return { fresh, duplicates };
}
