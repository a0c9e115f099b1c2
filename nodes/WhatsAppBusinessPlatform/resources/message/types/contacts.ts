import type { IDataObject } from 'n8n-workflow';

import { asText, checkEmail, fail, parseJsonParameter, requireCount } from '../../../shared/validation';
import { forTypes, type MessageType } from './common';

const MAX_CARDS = 5;

/** One contact card as the node's fields describe it. */
type ContactFields = Record<'formattedName' | 'firstName' | 'lastName' | 'phone' | 'phoneType' | 'waId' | 'email' | 'company' | 'title' | 'url' | 'birthday', unknown>;

/** Only the keys with a value (after refusing objects where text belongs). */
function compact(where: string, values: Record<string, unknown>): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(values)) {
		const text = asText(`${where} ${key}`, value);
		if (text) result[key] = text;
	}
	return result;
}

function fromFields(contact: Partial<ContactFields>, index: number): IDataObject {
	const where = `Contact ${index + 1}`;
	const card: IDataObject = { name: compact(where, { formatted_name: contact.formattedName, first_name: contact.firstName, last_name: contact.lastName }) };
	const phone = compact(where, { phone: contact.phone, type: contact.phoneType, wa_id: contact.waId });
	if (phone.phone) card.phones = [phone];
	const email = compact(where, { email: contact.email });
	if (email.email) card.emails = [email];
	const org = compact(where, { company: contact.company, title: contact.title });
	if (Object.keys(org).length) card.org = org;
	const url = compact(where, { url: contact.url });
	if (url.url) card.urls = [url];
	const birthday = compact(where, { birthday: contact.birthday });
	if (birthday.birthday) card.birthday = birthday.birthday;
	return card;
}

/** Meta's rules for a card; address, phone, e-mail and URL `type`s are free text ("Office", "Work (old)"). */
function check(card: IDataObject, index: number): void {
	const where = `Contact ${index + 1}`;
	if (!card || typeof card !== 'object' || Array.isArray(card)) fail(where, 'must be a contact object such as {"name":{"formatted_name":"Ana Example","first_name":"Ana"}}');
	const name = (card.name ?? {}) as IDataObject;
	if (!asText(`${where} Formatted Name`, name.formatted_name).trim()) fail(`${where} Formatted Name`, 'is required');
	if (!['first_name', 'last_name', 'middle_name', 'prefix', 'suffix'].some((key) => asText(`${where} Name`, name[key]).trim())) {
		fail(`${where} Name`, 'needs a first or last name besides the formatted name');
	}
	if (card.birthday !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asText(`${where} Birthday`, card.birthday))) fail(`${where} Birthday`, 'must be YYYY-MM-DD');
	for (const email of (card.emails ?? []) as IDataObject[]) checkEmail(`${where} Email`, email.email);
}

/** Contact cards, from the node's fields or as Meta's JSON (`[{name:{formatted_name,…}, phones, …}]`). */
export const contacts: MessageType = {
	value: 'contacts',
	name: 'Contacts',
	fields: (show) => [
		{
			displayName: 'Contacts Input',
			name: 'contactsInput',
			type: 'options',
			default: 'fields',
			options: [
				{ name: 'Fields', value: 'fields' },
				{ name: 'JSON', value: 'json', description: 'Meta\'s contact objects: [{"name":{"formatted_name":…},"phones":[…]}]' },
			],
			displayOptions: { show: forTypes(show, 'contacts') },
		},
		{
			displayName: 'Contacts',
			name: 'contacts',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Contact',
			description: `1 to ${MAX_CARDS} contact cards`,
			displayOptions: { show: { ...forTypes(show, 'contacts'), contactsInput: ['fields'] } },
			options: [
				{
					displayName: 'Contact',
					name: 'contact',
					values: [
						{ displayName: 'Birthday', name: 'birthday', type: 'string', default: '', placeholder: '1990-12-31' },
						{ displayName: 'Company', name: 'company', type: 'string', default: '' },
						{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
						{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
						{ displayName: 'Formatted Name', name: 'formattedName', type: 'string', default: '', required: true },
						{ displayName: 'Job Title', name: 'title', type: 'string', default: '' },
						{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
						{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
						{
							displayName: 'Phone Type',
							name: 'phoneType',
							type: 'options',
							default: '',
							options: [
								{ name: 'Not Set', value: '' },
								{ name: 'Home', value: 'HOME' },
								{ name: 'Work', value: 'WORK' },
							],
						},
						{ displayName: 'URL', name: 'url', type: 'string', default: '' },
						{ displayName: 'WhatsApp ID', name: 'waId', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: 'Contacts (JSON)',
			name: 'contactsJson',
			type: 'json',
			default: '[{"name":{"formatted_name":"Ana Example","first_name":"Ana"},"phones":[{"phone":"+1 555 010 1234","type":"WORK"}]}]',
			displayOptions: { show: { ...forTypes(show, 'contacts'), contactsInput: ['json'] } },
		},
	],
	build: (read) => {
		let cards: IDataObject[];
		if (read.get('contactsInput', 'fields') === 'json') {
			const parsed = parseJsonParameter('Contacts (JSON)', read.get('contactsJson', '[]'));
			cards = (Array.isArray(parsed) ? parsed : [parsed]) as IDataObject[];
		} else {
			cards = ((read.get<IDataObject>('contacts', {}).contact ?? []) as Array<Partial<ContactFields>>).map(fromFields);
		}
		requireCount('Contacts', cards.length, 1, MAX_CARDS);
		cards.forEach(check);
		return { type: 'contacts', content: cards as unknown as IDataObject, uploads: [] };
	},
};
