import type { IDataObject } from 'n8n-workflow';

import { fail, LIMITS, requireCount } from '../../../shared/messageValidation';
import type { BuiltContent } from './common';

/** One contact card as the node's fields describe it. */
export interface ContactFields {
	formattedName?: string;
	firstName?: string;
	lastName?: string;
	phone?: string;
	phoneType?: string;
	waId?: string;
	email?: string;
	emailType?: string;
	company?: string;
	title?: string;
	url?: string;
	birthday?: string;
}

function fromFields(contact: ContactFields): IDataObject {
	const card: IDataObject = {
		name: Object.fromEntries(
			Object.entries({ formatted_name: contact.formattedName, first_name: contact.firstName, last_name: contact.lastName }).filter(([, value]) => value),
		),
	};
	if (contact.phone) card.phones = [{ phone: contact.phone, ...(contact.phoneType ? { type: contact.phoneType } : {}), ...(contact.waId ? { wa_id: contact.waId } : {}) }];
	if (contact.email) card.emails = [{ email: contact.email, ...(contact.emailType ? { type: contact.emailType } : {}) }];
	if (contact.company || contact.title) card.org = Object.fromEntries(Object.entries({ company: contact.company, title: contact.title }).filter(([, value]) => value));
	if (contact.url) card.urls = [{ url: contact.url }];
	if (contact.birthday) card.birthday = contact.birthday;
	return card;
}

function check(card: IDataObject, index: number): void {
	const where = `Contact ${index + 1}`;
	const name = (card.name ?? {}) as IDataObject;
	if (!String(name.formatted_name ?? '').trim()) fail(`${where} Formatted Name`, 'is required');
	if (!['first_name', 'last_name', 'middle_name', 'prefix', 'suffix'].some((key) => String(name[key] ?? '').trim())) {
		fail(`${where} Name`, 'needs a first or last name besides the formatted name');
	}
	if (card.birthday !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(card.birthday))) fail(`${where} Birthday`, 'must be YYYY-MM-DD');
	for (const email of (card.emails ?? []) as IDataObject[]) {
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(email.email ?? ''))) fail(`${where} Email`, `"${String(email.email)}" is not an email address`);
	}
}

/** Contact cards, from the node's fields or as Meta's JSON (`[{name:{formatted_name,…}, phones, …}]`). */
export function buildContacts(input: { contacts?: ContactFields[]; json?: unknown }): BuiltContent {
	let cards: IDataObject[];
	if (input.json !== undefined) {
		const parsed = typeof input.json === 'string' ? parseJson(input.json) : input.json;
		cards = (Array.isArray(parsed) ? parsed : [parsed]) as IDataObject[];
	} else {
		cards = (input.contacts ?? []).map(fromFields);
	}
	requireCount('Contacts', cards.length, LIMITS.contacts.min, LIMITS.contacts.max);
	cards.forEach(check);
	return { type: 'contacts', content: cards as unknown as IDataObject, uploads: [] };
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch (error) {
		return fail('Contacts (JSON)', `is not valid JSON: ${(error as Error).message}`);
	}
}
