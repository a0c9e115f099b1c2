import { LIMITS, optionalText, type MediaKind } from '../../../shared/messageValidation';
import { mediaObject, type BuiltContent, type MediaSource, type PendingUpload } from './common';

const CAPTIONED: MediaKind[] = ['image', 'video', 'document'];

/** Image, audio, video, document and sticker messages: by media ID, link or the item's binary data. */
export function buildMedia(kind: MediaKind, input: { source: MediaSource; caption?: unknown; fileName?: unknown }): BuiltContent {
	const uploads: PendingUpload[] = [];
	const label = kind.charAt(0).toUpperCase() + kind.slice(1);
	const content = mediaObject(label, kind, input.source, uploads);
	if (CAPTIONED.includes(kind)) {
		const caption = optionalText('Caption', input.caption, LIMITS.caption);
		if (caption !== undefined) content.caption = caption;
	}
	if (kind === 'document') {
		const fileName = optionalText('File Name', input.fileName ?? input.source.file?.fileName, LIMITS.fileName);
		if (fileName !== undefined) content.filename = fileName;
	}
	return { type: kind, content, uploads };
}
