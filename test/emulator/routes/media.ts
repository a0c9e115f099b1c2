import { createHash } from 'node:crypto';

import { GraphError, invalidParameter, objectNotFound } from '../graphError';
import type { Route, RouteContext } from './types';

const MB = 1024 * 1024;

/** Supported types and size limits per kind, as Meta documents them. */
const KINDS: Array<{ kind: string; types: string[]; maxBytes: number; maxAnimatedBytes?: number }> = [
	{ kind: 'sticker', types: ['image/webp'], maxBytes: 100 * 1024, maxAnimatedBytes: 500 * 1024 },
	{ kind: 'image', types: ['image/jpeg', 'image/png'], maxBytes: 5 * MB },
	{ kind: 'video', types: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB },
	{ kind: 'audio', types: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'], maxBytes: 16 * MB },
	{
		kind: 'document',
		types: [
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
];

function checkPhoneFilter(context: RouteContext): void {
	const phone = context.req.query.phone_number_id;
	if (phone && context.object!.phoneNumberId !== phone) {
		throw invalidParameter(`Media ${context.object!.id} does not belong to phone number ${phone}`);
	}
}

export const mediaRoutes: Route[] = [
	{
		method: 'POST',
		target: 'phoneNumber',
		edge: 'media',
		operationId: 'uploadImage',
		handler: ({ req, state, object }) => {
			if (!/multipart\/form-data/i.test(req.contentType)) throw invalidParameter('Upload media as multipart/form-data with file, type and messaging_product');
			if (req.body.messaging_product !== 'whatsapp') throw invalidParameter('messaging_product is required and must be whatsapp');
			const file = req.parts.find((part) => part.name === 'file' && part.filename !== undefined);
			if (!file) throw invalidParameter('file is required');
			const mimeType = String(req.body.type ?? file.contentType ?? '').split(';')[0].trim().toLowerCase();
			const entry = KINDS.find((candidate) => candidate.types.includes(mimeType));
			if (!entry) throw invalidParameter(`Param file must be a file with one of the following types: ${KINDS.flatMap((kind) => kind.types).join(', ')}. Received file of type '${mimeType}'.`);
			const animated = entry.kind === 'sticker' && file.data.subarray(0, 4096).includes('ANIM');
			const max = animated ? entry.maxAnimatedBytes! : entry.maxBytes;
			if (file.data.length > max) {
				throw new GraphError(400, 131053, '(#131053) Media upload error', { details: `${entry.kind} files may be at most ${max} bytes; this one is ${file.data.length}` });
			}
			if (file.data.length === 0) throw invalidParameter('file is empty');
			const media = state.add({
				id: state.newId(),
				type: 'media',
				wabaId: object!.wabaId,
				phoneNumberId: object!.id,
				mime_type: mimeType,
				mediaKind: entry.kind,
				sha256: createHash('sha256').update(file.data).digest('hex'),
				file_size: file.data.length,
				fileName: file.filename,
			});
			state.mediaBytes.set(media.id, Buffer.from(file.data));
			return { id: media.id };
		},
	},
	{
		method: 'GET',
		target: 'media',
		operationId: 'retrieveMediaUrl',
		handler: (context) => {
			checkPhoneFilter(context);
			const media = context.object!;
			return {
				messaging_product: 'whatsapp',
				url: `${context.emulator.url}/${media.id}/download?mid=${media.id}&ext=${Math.floor(Date.now() / 1000)}`,
				mime_type: media.mime_type,
				sha256: media.sha256,
				file_size: media.file_size,
				id: media.id,
			};
		},
	},
	{
		// Stands in for Meta's lookaside URL: needs the same Bearer token, answers with the bytes.
		method: 'GET',
		target: 'media',
		edge: 'download',
		handler: ({ state, object }) => {
			const bytes = state.mediaBytes.get(object!.id);
			if (!bytes) throw objectNotFound(object!.id);
			return { body: bytes, headers: { 'content-type': String(object!.mime_type), 'content-length': String(bytes.length) } };
		},
	},
	{
		method: 'DELETE',
		target: 'media',
		operationId: 'deleteMedia',
		handler: (context) => {
			checkPhoneFilter(context);
			context.state.objects.delete(context.object!.id);
			context.state.mediaBytes.delete(context.object!.id);
			return { success: true };
		},
	},
];
