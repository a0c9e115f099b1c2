import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { STATUSES_EVENT } from './eventFields';
import { contactFor, echoRecipientIds, identityChangeOf, identityOf, senderIds, statusRecipientIds, type OwnIds } from './identity';

export { ALL_EVENTS, EVENT_OPTIONS, STATUSES_EVENT, STATUS_VALUES } from './eventFields';

export interface EventSelection {
	events: string[];
	/** Status values to keep; empty or undefined keeps all. */
	statuses?: string[];
	/** Phone number ids to keep; events without a phone number id are kept. */
	phoneNumberIds?: string[];
	/** One item per change, untouched, instead of one per message/status. */
	rawChanges?: boolean;
}

export interface Extraction {
	/** One workflow item per event. */
	items: IDataObject[];
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

/** Keys of a change value that become items or item fields; every other key is copied onto each item. */
const SPLIT_KEYS = new Set(['messaging_product', 'metadata', 'contacts', 'messages', 'message_echoes', 'statuses', 'errors']);

/** Fields whose messages were sent by the business: the customer is `to`, not `from`. */
const ECHO_FIELDS = new Set(['message_echoes', 'smb_message_echoes']);

function hashOf(value: unknown): string {
	return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}

/**
 * The identity of an output item for duplicate detection: a message by its field and id, a status
 * by id and status (a message is sent, then delivered, then read), anything else by its content.
 */
export function eventKeyOf(json: IDataObject): string {
	if (json.eventType === 'message' && json.id !== undefined) return `m:${String(json.field)}:${String(json.id)}`;
	if (json.eventType === 'status' && json.id !== undefined) return `s:${String(json.id)}:${String(json.status)}`;
	return `c:${hashOf(json)}`;
}

/** Everything a change value holds besides what was split into items, so no key is lost. */
function extrasOf(value: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(value).filter(([key]) => !SPLIT_KEYS.has(key)));
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
	const items: IDataObject[] = [];
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
			const isEcho = ECHO_FIELDS.has(field);
			const messages = asArray(isEcho ? value.message_echoes : value.messages);
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
				items.push({ wabaId, time: entry.time, field, value });
				continue;
			}

			const contacts = asArray(value.contacts);
			if (messages.length === 0 && statusUpdates.length === 0) {
				if (!chosen.has(field)) {
					drop(`event not chosen (${field})`);
					continue;
				}
				// One item for the whole change; with a single contact, its identity beside it.
				items.push({ ...value, field, wabaId, time: entry.time, ...identityOf(contactFor(contacts, {})) });
				continue;
			}

			const common: IDataObject = { field, wabaId };
			if (metadata) {
				common.phoneNumberId = phoneNumberId;
				common.displayPhoneNumber = metadata.display_phone_number;
			}
			const extras = extrasOf(value);
			const changeErrors = asArray(value.errors);
			const itemFor = (event: IDataObject, eventType: string, own: OwnIds): IDataObject => {
				const item: IDataObject = { ...extras, ...event, ...common, eventType, ...identityOf(contactFor(contacts, own), own), ...identityChangeOf(event) };
				// Errors Meta reports for the whole notification (e.g. an interactive reply it could not read).
				if (changeErrors.length) item.errors = [...asArray(event.errors), ...changeErrors];
				if (metadata) item.metadata = metadata;
				return item;
			};

			const messageEvent = isMessagesField ? 'messages' : field;
			if (messages.length && !chosen.has(messageEvent)) {
				drop(`event not chosen (${messageEvent})`, messages.length);
			} else {
				for (const message of messages) items.push(itemFor(message, 'message', isEcho ? echoRecipientIds(message) : senderIds(message)));
			}

			const statusEvent = isMessagesField ? STATUSES_EVENT : field;
			if (statusUpdates.length && !chosen.has(statusEvent)) {
				drop(`event not chosen (${statusEvent})`, statusUpdates.length);
				continue;
			}
			for (const status of statusUpdates) {
				if (isMessagesField && statuses && !statuses.has(String(status.status))) {
					drop(`status filtered out (${String(status.status)})`);
					continue;
				}
				items.push(itemFor(status, 'status', statusRecipientIds(status)));
			}
		}
	}
	return { items, dropped };
}
