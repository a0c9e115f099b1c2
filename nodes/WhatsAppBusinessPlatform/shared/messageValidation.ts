/**
 * Limits of the Cloud API's message and media endpoints, checked locally before any request so a
 * bad item is named (field and limit) before anything is sent. Builders throw MessageInputError;
 * the send path turns it into a NodeOperationError for the item.
 */

export class MessageInputError extends Error {
	constructor(
		message: string,
		readonly field?: string,
	) {
		super(message);
		this.name = 'MessageInputError';
	}
}

export function fail(field: string, message: string): never {
	throw new MessageInputError(`${field}: ${message}`, field);
}

/** Characters as WhatsApp counts them (code points, so an emoji counts once). */
export function charCount(text: string): number {
	let count = 0;
	for (const _ of text) count++;
	return count;
}

export function requireText(field: string, value: unknown, max: number, options: { min?: number } = {}): string {
	const text = value === undefined || value === null ? '' : String(value);
	const min = options.min ?? 1;
	if (charCount(text.trim()) < min) fail(field, min === 1 ? 'is required' : `needs at least ${min} characters`);
	const length = charCount(text);
	if (length > max) fail(field, `is ${length} characters long; the limit is ${max}`);
	return text;
}

export function optionalText(field: string, value: unknown, max: number): string | undefined {
	if (value === undefined || value === null || String(value) === '') return undefined;
	return requireText(field, value, max);
}

export function requireCount(field: string, count: number, min: number, max: number): void {
	if (count < min || count > max) {
		fail(field, min === max ? `needs exactly ${min}` : `needs between ${min} and ${max} entries (got ${count})`);
	}
}

export function requireUnique(field: string, values: string[]): void {
	const seen = new Set<string>();
	for (const value of values) {
		if (seen.has(value)) fail(field, `"${value}" appears more than once; each must be unique`);
		seen.add(value);
	}
}

export function requireHttpUrl(field: string, value: unknown): string {
	const text = String(value ?? '').trim();
	if (!text) fail(field, 'is required');
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		fail(field, `"${text}" is not a URL`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(field, 'must start with http:// or https://');
	return text;
}

/**
 * A recipient as the API wants it: digits with the country code, no "+" or leading "00".
 * Spaces, dashes, dots and brackets are dropped. WhatsApp IDs and phone numbers are 7–15 digits (E.164).
 */
export function normaliseRecipient(value: unknown, field = 'Recipient Phone Number'): string {
	const raw = String(value ?? '').trim();
	if (!raw) fail(field, 'is required');
	let digits = raw.replace(/[\s\-.()[\]\u00a0]/g, '');
	if (digits.startsWith('+')) digits = digits.slice(1);
	else if (digits.startsWith('00')) digits = digits.slice(2);
	if (!/^\d+$/.test(digits)) {
		fail(field, `"${raw}" is not a phone number: use the number with its country code, e.g. +1 555 010 1234`);
	}
	if (digits.length < 7 || digits.length > 15) {
		fail(field, `"${raw}" has ${digits.length} digits; a phone number with its country code has 7 to 15`);
	}
	return digits;
}

export const LIMITS = {
	textBody: 4096,
	caption: 1024,
	fileName: 240,
	bizOpaqueCallbackData: 512,
	interactiveBody: 1024,
	interactiveHeaderText: 60,
	interactiveFooter: 60,
	replyButtons: { min: 1, max: 3, id: 256, title: 20 },
	list: { button: 20, sections: 10, rows: 10, sectionTitle: 24, rowId: 200, rowTitle: 24, rowDescription: 72 },
	ctaDisplayText: 20,
	flowCta: 30,
	contacts: { min: 1, max: 5 },
	locationName: 1000,
	locationAddress: 1000,
	templateParameterText: 32768,
	templateHeaderText: 60,
	buttonPayload: 256,
	templateButtonIndex: { min: 0, max: 9 },
} as const;

export type MediaKind = 'image' | 'audio' | 'video' | 'document' | 'sticker';

const MB = 1024 * 1024;

/** Supported MIME types and size limits per media kind (Meta: "Supported media types"). */
export const MEDIA_LIMITS: Record<MediaKind, { mimeTypes: string[]; maxBytes: number; maxAnimatedBytes?: number }> = {
	image: { mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5 * MB },
	video: { mimeTypes: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB },
	audio: { mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'], maxBytes: 16 * MB },
	document: {
		mimeTypes: [
			'text/plain',
			'application/pdf',
			'application/msword',
			'application/vnd.ms-excel',
			'application/vnd.ms-powerpoint',
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		],
		maxBytes: 100 * MB,
	},
	sticker: { mimeTypes: ['image/webp'], maxBytes: 100 * 1024, maxAnimatedBytes: 500 * 1024 },
};

/** The MIME type without parameters (e.g. "audio/ogg; codecs=opus" → "audio/ogg"). */
export function baseMimeType(mimeType: string | undefined): string {
	return String(mimeType ?? '').split(';')[0].trim().toLowerCase();
}

/** The media kind a MIME type uploads as; WebP counts as a sticker. */
export function mediaKindOf(mimeType: string): MediaKind | undefined {
	const base = baseMimeType(mimeType);
	for (const kind of ['sticker', 'image', 'video', 'audio', 'document'] as MediaKind[]) {
		if (MEDIA_LIMITS[kind].mimeTypes.includes(base)) return kind;
	}
	return undefined;
}

/** An animated WebP carries an ANIM chunk near its start. */
export function isAnimatedWebp(bytes: Buffer): boolean {
	return bytes.subarray(0, 12).toString('latin1').startsWith('RIFF') && bytes.subarray(0, 4096).includes('ANIM');
}

const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

function formatBytes(bytes: number): string {
	if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
	if (bytes >= 1024) return `${(bytes / 1024).toFixed(0)} KB`;
	return `${bytes} bytes`;
}

/** Checks a file against the limits of the kind it is sent as; returns the kind. */
export function checkMediaFile(field: string, file: { mimeType: string; size: number; bytes?: Buffer }, expected?: MediaKind): MediaKind {
	const base = baseMimeType(file.mimeType);
	const kind = expected ?? mediaKindOf(base);
	if (!kind) {
		fail(field, `files of type "${base || 'unknown'}" cannot be sent on WhatsApp; supported: ${Object.values(MEDIA_LIMITS).flatMap((limit) => limit.mimeTypes).join(', ')}`);
	}
	const limits = MEDIA_LIMITS[kind];
	if (!limits.mimeTypes.includes(base)) {
		fail(field, `${article(kind)} must be one of ${limits.mimeTypes.join(', ')}; this file is "${base || 'unknown'}"`);
	}
	const max = kind === 'sticker' && file.bytes && isAnimatedWebp(file.bytes) ? limits.maxAnimatedBytes ?? limits.maxBytes : limits.maxBytes;
	if (file.size === 0) fail(field, 'the file is empty');
	if (file.size > max) fail(field, `the file is ${formatBytes(file.size)}; ${article(kind)} may be at most ${formatBytes(max)}`);
	return kind;
}
