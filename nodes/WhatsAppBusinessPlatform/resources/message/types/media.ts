import type { IDataObject } from 'n8n-workflow';

import { baseMimeType, type MediaKind } from '../../../shared/mediaLimits';
import { fail, optionalText } from '../../../shared/validation';
import { forTypes, mediaObject, mediaSourceFields, type MessageType, type PendingUpload } from './common';

const MAX_CAPTION = 1024;
const MAX_FILE_NAME = 240;
const CAPTIONED = ['image', 'video', 'document'];
const KINDS: Array<{ kind: MediaKind; name: string }> = [
	{ kind: 'image', name: 'Image' },
	{ kind: 'audio', name: 'Audio' },
	{ kind: 'video', name: 'Video' },
	{ kind: 'document', name: 'Document' },
	{ kind: 'sticker', name: 'Sticker' },
];

/**
 * Image, audio, video, document and sticker messages: by media ID, link or the item's binary data.
 * The five share their fields, so they live in one file; each kind is its own message type.
 */
export const mediaTypes: MessageType[] = KINDS.map(({ kind, name }, index) => ({
	value: kind,
	name,
	// The fields of all five kinds are declared once, with the first kind.
	fields: (show) => (index === 0 ? mediaFields(show) : []),
	build: async (read) => {
		const uploads: PendingUpload[] = [];
		const source = await read.media('media');
		const content: IDataObject = mediaObject(name, kind, source, uploads);
		if (CAPTIONED.includes(kind)) {
			const caption = optionalText('Caption', read.get('caption', ''), MAX_CAPTION);
			if (caption !== undefined) content.caption = caption;
		}
		if (kind === 'document') {
			const fileName = optionalText('File Name', read.get('fileName', '') || source.file?.fileName, MAX_FILE_NAME);
			if (fileName !== undefined) content.filename = fileName;
		}
		if (kind === 'audio' && read.get('voice', false) === true) {
			// Meta plays an audio message as a voice note only for OGG files with the OPUS codec.
			const mimeType = source.file?.mimeType;
			if (mimeType && baseMimeType(mimeType) !== 'audio/ogg') fail('Send as Voice Message', `a voice message must be an OGG file encoded with OPUS; this file is "${baseMimeType(mimeType)}"`);
			content.voice = true;
		}
		return { type: kind, content, uploads };
	},
}));

function mediaFields(show: Record<string, string[]>) {
	return [
		...mediaSourceFields('media', 'Media', forTypes(show, ...KINDS.map(({ kind }) => kind))),
		{
			displayName: 'Caption',
			name: 'caption',
			type: 'string' as const,
			default: '',
			description: `At most ${MAX_CAPTION} characters`,
			displayOptions: { show: forTypes(show, ...CAPTIONED) },
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string' as const,
			default: '',
			description: 'The name the recipient sees; with binary data, the file\'s own name is used when empty',
			displayOptions: { show: forTypes(show, 'document') },
		},
		{
			displayName: 'Send as Voice Message',
			name: 'voice',
			type: 'boolean' as const,
			default: false,
			description: 'Whether WhatsApp shows the audio as a recorded voice message (with a play button and transcription) instead of an audio file. The file must be OGG with the OPUS codec.',
			displayOptions: { show: forTypes(show, 'audio') },
		},
	];
}
