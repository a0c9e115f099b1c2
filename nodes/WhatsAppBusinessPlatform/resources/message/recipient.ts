import type { IDataObject } from 'n8n-workflow';

import { asText, fail } from '../../shared/validation';

/**
 * Who a message goes to, as the fields of the message body. Meta takes a phone number in `to`
 * and a business-scoped user ID (BSUID, or a parent BSUID) in `recipient` ("Business-scoped
 * user IDs": if both were sent, `to` would win).
 */
export interface Recipient {
	kind: 'phone' | 'bsuid' | 'group';
	/** The phone number's digits or the BSUID, as sent. */
	id: string;
	fields: IDataObject;
}

/** `US.13491208655302741918`; enterprise `US.ENT.11815799212886844830`: an ISO country code, a dot, up to 128 letters and digits. */
const BSUID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;
const MAX_LENGTH = 160;

export const isBsuid = (value: string): boolean => value.length <= MAX_LENGTH && BSUID.test(value);

/** A phone number (7–15 digits with the country code; spaces, dashes, brackets, "+" or "00" allowed) or a BSUID. */
export function recipientOf(value: unknown, field = 'Recipient Phone Number or User ID'): Recipient {
	const raw = asText(field, value).trim();
	if (!raw) fail(field, 'is required: a phone number with its country code, or the business-scoped user ID (user_id) from the trigger');
	if (raw.length > MAX_LENGTH) fail(field, `is ${raw.length} characters long; neither a phone number nor a user ID is that long`);
	if (isBsuid(raw)) return { kind: 'bsuid', id: raw, fields: { recipient_type: 'individual', recipient: raw } };
	let digits = raw.replace(/[\s\-.()[\]\u00a0]/g, '');
	if (digits.startsWith('+')) digits = digits.slice(1);
	else if (digits.startsWith('00')) digits = digits.slice(2);
	if (!/^\d+$/.test(digits)) {
		fail(field, `"${raw}" is not a phone number (give it with its country code, e.g. +1 555 010 1234) or a business-scoped user ID (e.g. US.13491208655302741918, the trigger's userId)`);
	}
	if (digits.length < 7 || digits.length > 15) fail(field, `"${raw}" has ${digits.length} digits; a phone number with its country code has 7 to 15`);
	return { kind: 'phone', id: digits, fields: { recipient_type: 'individual', to: digits } };
}

/** Message types Meta delivers to groups (Groups API: text, media, text- and media-based templates). */
export const GROUP_MESSAGE_TYPES = ['text', 'image', 'video', 'audio', 'document', 'sticker', 'template'];

/** A group (Group → Create or Get Many gives its ID): `recipient_type: group` and the group ID in `to`. */
export function groupRecipientOf(value: unknown, field = 'Group ID'): Recipient {
	const raw = asText(field, value).trim();
	if (!raw) fail(field, 'is required: the group\'s ID from Group → Get Many or the trigger\'s group events');
	if (raw.length > 200 || !/^[A-Za-z0-9_=-]{8,200}$/.test(raw)) fail(field, `"${raw.slice(0, 40)}" is not a group ID (a long code of letters and digits, e.g. Y2FwaV9ncm91cDox…)`);
	return { kind: 'group', id: raw, fields: { recipient_type: 'group', to: raw } };
}
