import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { graphRequest } from '../../shared/transport';
import { asText, fail, optionalText } from '../../shared/validation';
import { readBinaryFile } from '../media/custom';
import { MAX_CALLBACK_DATA } from './options';
import { readParameter } from './parameterReads';
import { GROUP_MESSAGE_TYPES, groupRecipientOf, recipientOf, type Recipient } from './recipient';
import type { BuiltContent, MediaSource, ParameterReader, PendingUpload } from './types/common';
import { buildSendContent } from './types';
import { buildTemplate } from './types/template';

/** One item's request, built and checked before anything is sent. */
export interface PreparedRequest {
	phoneNumberId: string;
	body: IDataObject;
	uploads: PendingUpload[];
	/** Requests with the same key go one after the other, in order (one chat). */
	key: string | undefined;
	/** The edge it is posted to: `messages`, or `marketing_messages` for marketing templates sent through the Marketing Messages API. */
	edge?: 'messages' | 'marketing_messages';
}

function phoneNumberIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const id = asText('Phone Number', readParameter(context, 'phoneNumberId', itemIndex, '', { extractValue: true })).trim();
	if (!/^\d{5,25}$/.test(id)) fail('Phone Number', `"${id}" is not a phone number ID (pick one from the list, or give the number's ID, not the number itself)`);
	return id;
}

/** Node parameters of item `itemIndex`, as the message types read them. */
export function readerFor(context: IExecuteFunctions, itemIndex: number): ParameterReader {
	const get = <T = unknown>(name: string, fallback?: unknown, options?: { extractValue?: boolean }) => readParameter(context, name, itemIndex, fallback, options) as T;
	const binaryFile = async (property: string): Promise<MediaSource['file']> => {
		const file = await readBinaryFile(context, itemIndex, property);
		// Only the facts travel on; the bytes are read again at upload time, so memory stays flat.
		return file && { mimeType: file.mimeType, size: file.size, fileName: file.fileName, bytes: Buffer.from(file.bytes.subarray(0, 4096)) };
	};
	return {
		get,
		binaryFile,
		async media(prefix) {
			const source = get<MediaSource['source']>(`${prefix}Source`, 'id');
			if (source === 'id') return { source, id: get(`${prefix}Id`, '') };
			if (source === 'link') return { source, link: get(`${prefix}Link`, '') };
			const binaryPropertyName = asText('Input Binary Field', get(`${prefix}BinaryPropertyName`, 'data')).trim();
			return { source, binaryPropertyName, file: await binaryFile(binaryPropertyName) };
		},
	};
}

/** The fields every message carries around its type-specific content. */
export function envelope(recipient: Recipient, built: BuiltContent, options: IDataObject = {}): IDataObject {
	const body: IDataObject = { messaging_product: 'whatsapp', ...recipient.fields, type: built.type };
	const replyTo = asText('Reply To Message ID', options.replyToMessageId).trim();
	if (replyTo) body.context = { message_id: replyTo };
	const opaque = optionalText('Callback Data', options.bizOpaqueCallbackData, MAX_CALLBACK_DATA);
	if (opaque !== undefined) body.biz_opaque_callback_data = opaque;
	body[built.type] = built.content;
	return body;
}

/** Template categories per run, looked up once per template (only for BSUID recipients). */
const categoriesByRun = new WeakMap<object, Map<string, Promise<string | undefined>>>();

async function templateCategory(context: IExecuteFunctions, itemIndex: number, name: string, language: string): Promise<string | undefined> {
	const wabaId = asText('WhatsApp Business Account', readParameter(context, 'wabaId', itemIndex, '', { extractValue: true })).trim();
	if (!/^\d{5,25}$/.test(wabaId)) return undefined;
	let categories = categoriesByRun.get(context);
	if (!categories) categoriesByRun.set(context, (categories = new Map()));
	const key = `${wabaId}/${name}|${language}`;
	if (!categories.has(key)) {
		const lookup = graphRequest
			.call(context, { url: `/${wabaId}/message_templates`, qs: { name, language, fields: 'name,language,category' }, itemIndex })
			.then((page) => (((page as IDataObject).data ?? []) as IDataObject[]).find((template) => template.name === name && template.language === language)?.category as string | undefined)
			// Without an answer, Meta's own refusal (131062) still names the problem.
			.catch(() => undefined);
		categories.set(key, lookup);
	}
	return await categories.get(key);
}

/**
 * Meta sends one-tap, zero-tap and copy-code authentication templates to phone numbers only
 * ("Business-scoped user IDs", error 131062). Checked before sending where the WABA is known.
 */
async function checkBsuidAllowed(context: IExecuteFunctions, itemIndex: number, recipient: Recipient, built: BuiltContent): Promise<void> {
	if (recipient.kind !== 'bsuid' || built.type !== 'template') return;
	const { name, language } = built.content as { name: string; language: { code: string } };
	if ((await templateCategory(context, itemIndex, name, language.code)) === 'AUTHENTICATION') {
		fail('Recipient Phone Number or User ID', `"${recipient.id}" is a business-scoped user ID, and Meta sends authentication templates (such as ${name}) to phone numbers only; give the customer's phone number, or ask for it first with Interactive: Request Contact Info`);
	}
}

/** Reads, checks and builds item `itemIndex`'s request for `operation`; throws InputError when invalid. */
export async function prepareRequest(context: IExecuteFunctions, operation: string, itemIndex: number): Promise<PreparedRequest> {
	const phoneNumberId = phoneNumberIdOf(context, itemIndex);
	const read = readerFor(context, itemIndex);
	if (operation === 'markAsRead') {
		const messageId = asText('Message ID', read.get('messageId', '')).trim();
		if (!messageId) fail('Message ID', 'is required (the wamid.… of a received message)');
		const body: IDataObject = { messaging_product: 'whatsapp', status: 'read', message_id: messageId };
		if (read.get('typingIndicator', false)) body.typing_indicator = { type: 'text' };
		return { phoneNumberId, body, uploads: [], key: undefined };
	}
	const toGroup = read.get('recipientKind', 'individual') === 'group';
	const recipient = toGroup ? groupRecipientOf(read.get('groupId', '')) : recipientOf(read.get('to', ''));
	const built = operation === 'sendTemplate' ? await buildTemplate(read) : await buildSendContent(read);
	if (toGroup && !GROUP_MESSAGE_TYPES.includes(built.type)) fail('Message Type', `groups take ${GROUP_MESSAGE_TYPES.join(', ')} messages, not ${built.type}`);
	await checkBsuidAllowed(context, itemIndex, recipient, built);
	const options = read.get<IDataObject>('messageOptions', {});
	const body = envelope(recipient, built, options);
	if (operation === 'sendTemplate' && options.marketingMessagesApi === true) {
		// Meta delivers it the ordinary way when the account is not onboarded (Marketing Messages API, product_policy).
		body.product_policy = 'CLOUD_API_FALLBACK';
		return { phoneNumberId, body, uploads: built.uploads, key: `${phoneNumberId}>${recipient.id}`, edge: 'marketing_messages' };
	}
	return { phoneNumberId, body, uploads: built.uploads, key: `${phoneNumberId}>${recipient.id}` };
}
