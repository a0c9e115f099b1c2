import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkMediaFile, type MediaKind } from '../../../shared/mediaLimits';
import { asText, fail, requireHttpUrl } from '../../../shared/validation';

/** Where a media file comes from: an uploaded media ID, a public link, or the item's binary data. */
export interface MediaSource {
	source: 'id' | 'link' | 'binary';
	id?: unknown;
	link?: unknown;
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

/** Reads one item's node parameters for a message type's builder. */
export interface ParameterReader {
	/** `extractValue` gives a resource locator's value rather than the locator. */
	get<T = unknown>(name: string, fallback?: unknown, options?: { extractValue?: boolean }): T;
	/** A media source from the fields `mediaSourceFields(prefix, …)` describes. */
	media(prefix: string): Promise<MediaSource>;
	/** Facts about the file in the item's binary field `property` (undefined when there is none). */
	binaryFile(property: string): Promise<MediaSource['file']>;
}

type Show = Record<string, string[]>;

/** One message type of Message → Send: its option, its fields, and how it builds its body. */
export interface MessageType {
	/** The value of the "Message Type" option. */
	value: string;
	name: string;
	/** Fields shown for this type; `show` already names the resource, operation and message type. */
	fields(show: Show): INodeProperties[];
	build(read: ParameterReader): BuiltContent | Promise<BuiltContent>;
}

/** A media object `{id}` or `{link}` (or one to fill in after uploading the item's binary data). */
export function mediaObject(field: string, kind: MediaKind, source: MediaSource, uploads: PendingUpload[]): IDataObject {
	if (source.source === 'id') {
		const id = asText(`${field} Media ID`, source.id).trim();
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

/** Fields that describe where a media file comes from, for a field group named by `prefix`. */
export function mediaSourceFields(prefix: string, label: string, show: Show): INodeProperties[] {
	return [
		{
			displayName: `${label} Source`,
			name: `${prefix}Source`,
			type: 'options',
			default: 'id',
			options: [
				{ name: 'Media ID', value: 'id', description: 'A file uploaded before (Media → Upload)' },
				{ name: 'Link', value: 'link', description: 'A public http(s) URL Meta downloads the file from' },
				{ name: 'Binary Data', value: 'binary', description: 'The file in this item\'s binary data, uploaded in the same step' },
			],
			displayOptions: { show },
		},
		{
			displayName: 'Media ID',
			name: `${prefix}Id`,
			type: 'string',
			default: '',
			required: true,
			placeholder: '1037543291543636',
			displayOptions: { show: { ...show, [`${prefix}Source`]: ['id'] } },
		},
		{
			displayName: 'Link',
			name: `${prefix}Link`,
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/picture.jpg',
			displayOptions: { show: { ...show, [`${prefix}Source`]: ['link'] } },
		},
		{
			displayName: 'Input Binary Field',
			name: `${prefix}BinaryPropertyName`,
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the file to send',
			displayOptions: { show: { ...show, [`${prefix}Source`]: ['binary'] } },
		},
	];
}

/** `show` narrowed to some message types. */
export const forTypes = (show: Show, ...types: string[]): Show => ({ ...show, messageType: types });
