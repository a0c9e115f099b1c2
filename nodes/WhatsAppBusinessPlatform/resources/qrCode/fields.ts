import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphRequestFull } from '../../shared/transport';
import { checkMaxLength, checkPattern, checkRequired, InputError } from '../../shared/validation';

/** Meta's limits (QR codes and short links guide): 140 characters of prefilled message, 2,000 codes per number. */
export const PREFILLED_MESSAGE_MAX = 140;
/** Meta's QR code IDs are 14 upper-case letters and digits, e.g. 4O4YGZEG3RIVE1. */
const CODE_PATTERN = /^[A-Z0-9]{14}$/;

export const show = (operation: string) => ({ resource: ['qrCode'], operation: [operation] });

export const codeField = (operation: string, description: string): INodeProperties => ({
	displayName: 'QR Code',
	name: 'code',
	type: 'string',
	required: true,
	default: '',
	placeholder: '4O4YGZEG3RIVE1',
	description: `${description} The 14-character code Meta gave the QR code (the end of its wa.me/message/ link)`,
	displayOptions: { show: show(operation) },
});

export const prefilledMessageField = (operation: string, description: string): INodeProperties => ({
	displayName: 'Prefilled Message',
	name: 'prefilledMessage',
	type: 'string',
	typeOptions: { rows: 2 },
	required: true,
	default: '',
	placeholder: 'Hi! I would like to know more about your offers.',
	description: `${description} At most ${PREFILLED_MESSAGE_MAX} characters`,
	displayOptions: { show: show(operation) },
});

export const imageFormatField = (operation: string, description: string): INodeProperties => ({
	displayName: 'Image',
	name: 'imageFormat',
	type: 'options',
	default: 'none',
	description,
	displayOptions: { show: show(operation) },
	options: [
		{ name: 'None', value: 'none', description: 'Only the code and its wa.me link' },
		{ name: 'PNG', value: 'PNG', description: 'A PNG picture of the QR code, as binary data' },
		{ name: 'SVG', value: 'SVG', description: 'An SVG (vector) picture of the QR code, as binary data' },
	],
});

export const binaryPropertyField = (operation: string): INodeProperties => ({
	displayName: 'Put Image in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	description: 'The name of the binary field the QR code picture goes into',
	displayOptions: { show: { ...show(operation), imageFormat: ['PNG', 'SVG'] } },
});

export function checkedCode(value: unknown): string {
	const code = String(value ?? '').trim().toUpperCase();
	checkRequired('QR Code', code);
	checkPattern('QR Code', code, CODE_PATTERN, `"${code}" is not a QR code: Meta's codes are 14 letters and digits, e.g. 4O4YGZEG3RIVE1`);
	return code;
}

export function checkedPrefilledMessage(value: unknown): string {
	const message = String(value ?? '');
	if (!message.trim()) throw new InputError('Prefilled Message', 'a message is required');
	checkMaxLength('Prefilled Message', message, PREFILLED_MESSAGE_MAX);
	return message;
}

const MIME_TYPES: Record<string, string> = { PNG: 'image/png', SVG: 'image/svg+xml' };

/**
 * The QR code as an item; with an image format, the picture Meta made is downloaded into a binary
 * field (its URL is short-lived and on Meta's CDN, so it is fetched without the credential).
 */
export async function qrCodeItem(context: IExecuteFunctions, itemIndex: number, qr: IDataObject, format: string): Promise<INodeExecutionData> {
	const url = typeof qr.qr_image_url === 'string' ? qr.qr_image_url : '';
	if (format === 'none' || !url) return { json: qr };
	const response = await graphRequestFull.call<IExecuteFunctions, Parameters<typeof graphRequestFull>, Promise<{ body: Buffer }>>(context, {
		url,
		encoding: 'arraybuffer',
		anonymous: true,
		itemIndex,
	});
	const bytes = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body as unknown as ArrayBuffer);
	const property = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
	const binary = await context.helpers.prepareBinaryData(bytes, `${String(qr.code)}.${format.toLowerCase()}`, MIME_TYPES[format]);
	return { json: qr, binary: { [property]: binary } };
}

export { phoneNumberIdOf } from '../../shared/phoneTarget';

/** `fields` for reading codes, with the image URL in the chosen format. */
export const readFields = (format: string) => `code,prefilled_message,deep_link_url${format === 'none' ? '' : `,qr_image_url.format(${format})`}`;
