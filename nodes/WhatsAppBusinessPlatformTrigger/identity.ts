import type { IDataObject } from 'n8n-workflow';

/**
 * Who a customer is, as Meta tells it since business-scoped user IDs (BSUIDs) and usernames: a
 * phone number (`wa_id`) only when Meta may share it, a BSUID (`user_id`, e.g. `US.13491208655302741918`)
 * always, a parent BSUID for linked business portfolios, and a username when the customer has one.
 */
export interface Identity {
	contactName?: string;
	username?: string;
	userId?: string;
	parentUserId?: string;
	contactWaId?: string;
}

/** The ids a message, status or echo itself names for the customer. */
export interface OwnIds {
	waId?: unknown;
	userId?: unknown;
	parentUserId?: unknown;
}

/** Meta sends `""` for a phone number it may not share; that is no phone number. */
const present = (value: unknown): string | undefined => (value === undefined || value === null || value === '' ? undefined : String(value));

/** Leaves out keys Meta did not send, rather than setting them to undefined. */
function compact<T extends object>(fields: T): T {
	for (const key of Object.keys(fields) as Array<keyof T>) if (fields[key] === undefined) delete fields[key];
	return fields;
}

/** The contact entry that belongs to these ids: same phone number or same BSUID, else the only contact. */
export function contactFor(contacts: IDataObject[], own: OwnIds): IDataObject | undefined {
	const waId = present(own.waId);
	const userId = present(own.userId);
	const match = contacts.find(
		(contact) => (waId !== undefined && present(contact.wa_id) === waId) || (userId !== undefined && present(contact.user_id) === userId),
	);
	if (match) return match;
	return contacts.length === 1 ? contacts[0] : undefined;
}

/** Identity fields for an item: the contact entry first, the ids the event names itself second. */
export function identityOf(contact: IDataObject | undefined, own: OwnIds = {}): Identity {
	const profile = (contact?.profile ?? {}) as IDataObject;
	return compact<Identity>({
		contactName: present(profile.name),
		username: present(profile.username),
		userId: present(contact?.user_id) ?? present(own.userId),
		parentUserId: present(contact?.parent_user_id) ?? present(own.parentUserId),
		contactWaId: present(contact?.wa_id) ?? present(own.waId),
	});
}

/** The customer's ids as an incoming message names them (`from`, `from_user_id`, `from_parent_user_id`). */
export function senderIds(message: IDataObject): OwnIds {
	return { waId: message.from, userId: message.from_user_id, parentUserId: message.from_parent_user_id };
}

/** The customer's ids as an echo of a message the business sent names them (`to`, `to_user_id`, ...). */
export function echoRecipientIds(message: IDataObject): OwnIds {
	return { waId: message.to, userId: message.to_user_id, parentUserId: message.to_parent_user_id };
}

/** The customer's ids as a status names them; in a group, the participant the status is about. */
export function statusRecipientIds(status: IDataObject): OwnIds {
	if (status.recipient_type === 'group') {
		return { waId: status.recipient_participant_id, userId: status.recipient_participant_user_id, parentUserId: status.recipient_participant_parent_user_id };
	}
	return {
		waId: status.recipient_id,
		userId: status.recipient_user_id,
		parentUserId: status.recipient_parent_user_id ?? status.parent_recipient_user_id,
	};
}

const CHANGED_FROM = /changed from (\S+) to (\S+?)\.?$/;

/**
 * For a `system` message about a changed identity, the old and the new ids side by side:
 * `user_changed_user_id` (new BSUID) and `user_changed_number` (new phone number).
 */
export function identityChangeOf(message: IDataObject): IDataObject | undefined {
	if (message.type !== 'system') return undefined;
	const system = (message.system ?? {}) as IDataObject;
	const fromBody = CHANGED_FROM.exec(String(system.body ?? ''));
	if (system.type === 'user_changed_user_id') {
		return compact<IDataObject>({
			previousUserId: present(message.from_user_id) ?? present(system.previous_user_id) ?? fromBody?.[1],
			newUserId: present(system.user_id) ?? fromBody?.[2],
			previousParentUserId: present(message.from_parent_user_id),
			newParentUserId: present(system.parent_user_id),
		});
	}
	if (system.type === 'user_changed_number') {
		return compact<IDataObject>({ previousWaId: present(message.from) ?? fromBody?.[1], newWaId: present(system.wa_id) ?? fromBody?.[2] });
	}
	return undefined;
}
