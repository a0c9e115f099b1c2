import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberLocator, wabaLocator } from '../../shared/locatorFields';

const resource = ['media'];
const withMediaId = { resource, operation: ['get', 'download', 'delete'] };
const upload = { resource, operation: ['upload'] };

// All four operations are customOperations (see custom.ts): uploads and downloads need binary data.
export const mediaDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		default: 'upload',
		options: [
			{ name: 'Delete', value: 'delete', action: 'Delete a media file', description: 'Delete a file uploaded to Meta' },
			{ name: 'Download', value: 'download', action: 'Download a media file', description: 'Fetch a file (e.g. one a customer sent) as binary data' },
			{ name: 'Get', value: 'get', action: 'Get a media URL', description: 'Read a file\'s temporary URL, MIME type, size and SHA-256' },
			{ name: 'Upload', value: 'upload', action: 'Upload a media file', description: 'Upload the item\'s binary data to send it in messages by ID' },
		],
	},
	// Only needed to fill the phone number list, so not required.
	{ ...wabaLocator(upload, 'The WhatsApp Business Account; used to list its phone numbers'), required: false },
	phoneNumberLocator(upload, 'The business phone number the file is uploaded for'),
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to upload',
		description: 'JPEG/PNG images ≤5 MB, MP4/3GPP video and AAC/AMR/MP3/MP4/OGG audio ≤16 MB, documents ≤100 MB, WebP stickers ≤100 KB (animated ≤500 KB)',
		displayOptions: { show: upload },
	},
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1037543291543636',
		description: 'The ID from an upload, or the media ID in a received message (the ID of its image, document, audio, video or sticker)',
		displayOptions: { show: withMediaId },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'outputBinaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show: { resource, operation: ['download'] } },
	},
	{
		displayName: 'Options',
		name: 'mediaOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: withMediaId },
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: 'Name of the downloaded file; by default the media ID with an extension for its type',
				displayOptions: { show: { '/operation': ['download'] } },
			},
			{
				displayName: 'Only for Phone Number ID',
				name: 'phoneNumberId',
				type: 'string',
				default: '',
				description: 'Act only if the file belongs to this business phone number ID',
			},
		],
	},
];
