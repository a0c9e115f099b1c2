import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fail, normaliseRecipient, type MediaKind } from '../../shared/messageValidation';
import { readBinaryFile } from '../media/custom';
import { envelope, type BuiltContent, type MediaSource, type PendingUpload } from './builders/common';
import { buildContacts, type ContactFields } from './builders/contacts';
import { buildInteractiveButtons } from './builders/interactiveButtons';
import { buildInteractiveCtaUrl } from './builders/interactiveCtaUrl';
import { buildInteractiveFlow } from './builders/interactiveFlow';
import { buildInteractiveList, type ListRow } from './builders/interactiveList';
import { buildInteractiveLocationRequest } from './builders/interactiveLocationRequest';
import { buildLocation } from './builders/location';
import { buildMedia } from './builders/media';
import { buildReaction } from './builders/reaction';
import { buildTemplate, type TemplateButtonInput, type TemplateParameterInput } from './builders/template';
import { buildText } from './builders/text';

/** One item's request, built and checked before anything is sent. */
export interface PreparedRequest {
	phoneNumberId: string;
	body: IDataObject;
	uploads: PendingUpload[];
	/** Requests with the same key go one after the other, in order (one chat). */
	key: string | undefined;
}

const MEDIA_KINDS: MediaKind[] = ['image', 'audio', 'video', 'document', 'sticker'];

function param<T = unknown>(context: IExecuteFunctions, name: string, itemIndex: number, fallback?: unknown): T {
	return context.getNodeParameter(name, itemIndex, fallback) as T;
}

function phoneNumberIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const id = String(context.getNodeParameter('phoneNumberId', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!/^\d{5,25}$/.test(id)) fail('Phone Number', `"${id}" is not a phone number ID (pick one from the list, or give the number's ID, not the number itself)`);
	return id;
}

async function mediaSource(context: IExecuteFunctions, itemIndex: number, prefix: string): Promise<MediaSource> {
	const source = param<MediaSource['source']>(context, `${prefix}Source`, itemIndex, 'id');
	if (source === 'id') return { source, id: param(context, `${prefix}Id`, itemIndex, '') };
	if (source === 'link') return { source, link: param(context, `${prefix}Link`, itemIndex, '') };
	const binaryPropertyName = String(param(context, `${prefix}BinaryPropertyName`, itemIndex, 'data')).trim();
	const file = await readBinaryFile(context, itemIndex, binaryPropertyName);
	// Only the facts travel on; the bytes are read again at upload time, so memory stays flat.
	return { source, binaryPropertyName, file: file && { mimeType: file.mimeType, size: file.size, fileName: file.fileName, bytes: Buffer.from(file.bytes.subarray(0, 4096)) } };
}

async function frameHeader(context: IExecuteFunctions, itemIndex: number) {
	const type = param<'none' | 'text' | 'image' | 'video' | 'document'>(context, 'headerType', itemIndex, 'none');
	if (type === 'none') return undefined;
	if (type === 'text') return { type, text: param(context, 'headerText', itemIndex, '') };
	return { type, media: await mediaSource(context, itemIndex, 'headerMedia') };
}

async function buildSendContent(context: IExecuteFunctions, itemIndex: number): Promise<BuiltContent> {
	const type = param<string>(context, 'messageType', itemIndex, 'text');
	if (type === 'text') return buildText({ body: param(context, 'textBody', itemIndex, ''), previewUrl: param(context, 'previewUrl', itemIndex, false) });
	if (MEDIA_KINDS.includes(type as MediaKind)) {
		const kind = type as MediaKind;
		return buildMedia(kind, {
			source: await mediaSource(context, itemIndex, 'media'),
			caption: ['image', 'video', 'document'].includes(kind) ? param(context, 'caption', itemIndex, '') : undefined,
			fileName: kind === 'document' ? param(context, 'fileName', itemIndex, '') || undefined : undefined,
		});
	}
	if (type === 'location') {
		return buildLocation({
			latitude: param(context, 'latitude', itemIndex),
			longitude: param(context, 'longitude', itemIndex),
			name: param(context, 'locationName', itemIndex, ''),
			address: param(context, 'locationAddress', itemIndex, ''),
		});
	}
	if (type === 'contacts') {
		if (param(context, 'contactsInput', itemIndex, 'fields') === 'json') return buildContacts({ json: param(context, 'contactsJson', itemIndex, '[]') });
		return buildContacts({ contacts: (param<IDataObject>(context, 'contacts', itemIndex, {}).contact ?? []) as ContactFields[] });
	}
	if (type === 'reaction') return buildReaction({ messageId: param(context, 'reactionMessageId', itemIndex, ''), emoji: param(context, 'emoji', itemIndex, '') });
	if (type === 'interactiveLocationRequest') return buildInteractiveLocationRequest({ bodyText: param(context, 'bodyText', itemIndex, '') });
	const frame = { bodyText: param(context, 'bodyText', itemIndex, ''), footerText: param(context, 'footerText', itemIndex, '') };
	if (type === 'interactiveList') {
		const headerType = param<string>(context, 'listHeaderType', itemIndex, 'none');
		return buildInteractiveList({
			...frame,
			header: headerType === 'text' ? { type: 'text', text: param(context, 'listHeaderText', itemIndex, '') } : undefined,
			buttonText: param(context, 'listButtonText', itemIndex, ''),
			rows: (param<IDataObject>(context, 'listRows', itemIndex, {}).row ?? []) as ListRow[],
		});
	}
	const header = await frameHeader(context, itemIndex);
	if (type === 'interactiveButtons') {
		const buttons = (param<IDataObject>(context, 'replyButtons', itemIndex, {}).button ?? []) as Array<{ id?: unknown; title?: unknown }>;
		return buildInteractiveButtons({ ...frame, header, buttons });
	}
	if (type === 'interactiveCtaUrl') {
		return buildInteractiveCtaUrl({ ...frame, header, displayText: param(context, 'ctaDisplayText', itemIndex, ''), url: param(context, 'ctaUrl', itemIndex, '') });
	}
	if (type === 'interactiveFlow') {
		const action = param<'navigate' | 'data_exchange'>(context, 'flowAction', itemIndex, 'navigate');
		return buildInteractiveFlow({
			...frame,
			header,
			identifyBy: param(context, 'flowIdentifyBy', itemIndex, 'id'),
			flowId: param(context, 'flowId', itemIndex, ''),
			flowName: param(context, 'flowName', itemIndex, ''),
			cta: param(context, 'flowCta', itemIndex, ''),
			mode: param(context, 'flowMode', itemIndex, 'published'),
			flowToken: param(context, 'flowToken', itemIndex, ''),
			action,
			screen: action === 'navigate' ? param(context, 'flowScreen', itemIndex, '') : undefined,
			data: action === 'navigate' ? param(context, 'flowData', itemIndex, '{}') : undefined,
		});
	}
	return fail('Message Type', `unknown message type "${type}"`);
}

function templateNameAndLanguage(context: IExecuteFunctions, itemIndex: number): { name: string; language: string } {
	const value = String(context.getNodeParameter('template', itemIndex, '', { extractValue: true }) ?? '').trim();
	const [name, language, ...rest] = value.split('|');
	if (!name || !language || rest.length) fail('Template', `"${value}" must be a template name and language code separated by |, e.g. order_shipped|en_US`);
	return { name: name.trim(), language: language.trim() };
}

async function buildTemplateContent(context: IExecuteFunctions, itemIndex: number): Promise<BuiltContent> {
	const { name, language } = templateNameAndLanguage(context, itemIndex);
	const mode = param<'fields' | 'json'>(context, 'templateParameterInput', itemIndex, 'fields');
	if (mode === 'json') return buildTemplate({ name, language, mode, componentsJson: param(context, 'templateComponentsJson', itemIndex, '[]') });
	const headerValues = param<IDataObject>(context, 'headerParameter', itemIndex, {}).parameter as IDataObject | undefined;
	let header: TemplateParameterInput | undefined;
	if (headerValues) {
		header = { ...(headerValues as unknown as TemplateParameterInput) };
		if (['image', 'video', 'document'].includes(String(headerValues.type))) {
			const source = String(headerValues.mediaSource ?? 'id') as MediaSource['source'];
			if (source === 'binary') {
				const property = String(headerValues.binaryPropertyName ?? 'data');
				const file = await readBinaryFile(context, itemIndex, property);
				header.media = { source, binaryPropertyName: property, file: file && { mimeType: file.mimeType, size: file.size, bytes: Buffer.from(file.bytes.subarray(0, 4096)) } };
			} else {
				header.media = { source, id: String(headerValues.mediaId ?? ''), link: String(headerValues.mediaLink ?? '') };
			}
		}
	}
	return buildTemplate({
		name,
		language,
		mode,
		header,
		body: (param<IDataObject>(context, 'bodyParameters', itemIndex, {}).parameter ?? []) as TemplateParameterInput[],
		buttons: (param<IDataObject>(context, 'buttonParameters', itemIndex, {}).button ?? []) as TemplateButtonInput[],
	});
}

/** Reads, checks and builds item `itemIndex`'s request for `operation`; throws MessageInputError when invalid. */
export async function prepareRequest(context: IExecuteFunctions, operation: string, itemIndex: number): Promise<PreparedRequest> {
	const phoneNumberId = phoneNumberIdOf(context, itemIndex);
	if (operation === 'markAsRead') {
		const messageId = String(param(context, 'messageId', itemIndex, '')).trim();
		if (!messageId) fail('Message ID', 'is required (the wamid.… of a received message)');
		const body: IDataObject = { messaging_product: 'whatsapp', status: 'read', message_id: messageId };
		if (param(context, 'typingIndicator', itemIndex, false)) body.typing_indicator = { type: 'text' };
		return { phoneNumberId, body, uploads: [], key: undefined };
	}
	const to = normaliseRecipient(param(context, 'to', itemIndex, ''));
	const built = operation === 'sendTemplate' ? await buildTemplateContent(context, itemIndex) : await buildSendContent(context, itemIndex);
	const options = param<IDataObject>(context, 'messageOptions', itemIndex, {});
	const body = envelope(to, built, { replyToMessageId: options.replyToMessageId as string, bizOpaqueCallbackData: options.bizOpaqueCallbackData as string });
	return { phoneNumberId, body, uploads: built.uploads, key: `${phoneNumberId}>${to}` };
}
