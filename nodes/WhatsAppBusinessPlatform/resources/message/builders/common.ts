import type { IDataObject } from 'n8n-workflow';

import {
	checkMediaFile,
	fail,
	LIMITS,
	optionalText,
	requireHttpUrl,
	type MediaKind,
} from '../../../shared/messageValidation';

/** Where a media file comes from: an uploaded media ID, a public link, or the item's binary data. */
export interface MediaSource {
	source: 'id' | 'link' | 'binary';
	id?: string;
	link?: string;
	binaryPropertyName?: string;
	/** Facts about the binary file, read by the caller, so limits are checked before sending. */
	file?: { mimeType: string; size: number; fileName?: string; bytes?: Buffer };
}

/** Media to upload from the item's binary data right before the send; its ID goes into `target.id`. */
export interface PendingUpload {
	target: IDataObject;
	binaryPropertyName: string;
	kind: MediaKind;
	field: string;
}

/** The type-specific part of a message body (`type` and its object), plus uploads it needs. */
export interface BuiltContent {
	type: string;
	content: IDataObject;
	uploads: PendingUpload[];
}

export interface EnvelopeOptions {
	replyToMessageId?: string;
	bizOpaqueCallbackData?: string;
}

/** The fields every message carries. `recipient_type` is always sent: Meta's Message schema requires it. */
export function envelope(to: string, built: BuiltContent, options: EnvelopeOptions = {}): IDataObject {
	const body: IDataObject = { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: built.type };
	const replyTo = String(options.replyToMessageId ?? '').trim();
	if (replyTo) body.context = { message_id: replyTo };
	const opaque = optionalText('Biz Opaque Callback Data', options.bizOpaqueCallbackData, LIMITS.bizOpaqueCallbackData);
	if (opaque !== undefined) body.biz_opaque_callback_data = opaque;
	body[built.type] = built.content;
	return body;
}

/** A media object `{id}` or `{link}` (or one to fill in after uploading the item's binary data). */
export function mediaObject(field: string, kind: MediaKind, source: MediaSource, uploads: PendingUpload[]): IDataObject {
	if (source.source === 'id') {
		const id = String(source.id ?? '').trim();
		if (!/^\d{5,30}$/.test(id)) fail(`${field} Media ID`, `"${id}" is not a media ID (a number returned by Media → Upload)`);
		return { id };
	}
	if (source.source === 'link') return { link: requireHttpUrl(`${field} Link`, source.link) };
	if (source.source === 'binary') {
		const property = String(source.binaryPropertyName ?? '').trim();
		if (!property) fail(`${field} Input Binary Field`, 'is required');
		if (!source.file) fail(`${field} Input Binary Field`, `the item has no binary data in "${property}"`);
		checkMediaFile(`${field} (binary "${property}")`, source.file, kind);
		const target: IDataObject = {};
		uploads.push({ target, binaryPropertyName: property, kind, field });
		return target;
	}
	return fail(field, `unknown media source "${String(source.source)}"`);
}
