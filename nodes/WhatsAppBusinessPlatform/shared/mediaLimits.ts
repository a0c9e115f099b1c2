import { fail } from './validation';

/** What WhatsApp accepts as media (Meta: "Supported media types"), checked before uploading or sending. */

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
