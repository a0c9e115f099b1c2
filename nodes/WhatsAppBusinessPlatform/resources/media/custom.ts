import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { checkMediaFile, type MediaKind } from '../../shared/mediaLimits';
import { InputError } from '../../shared/validation';
import { graphRequest, graphRequestFull } from '../../shared/transport';

// Custom operations: upload and download carry binary data, which declarative routing cannot.

export interface BinaryFile {
	mimeType: string;
	fileName?: string;
	size: number;
	bytes: Buffer;
}

/** The item's binary file with its real size (n8n's fileSize is a rounded display string). */
export async function readBinaryFile(context: IExecuteFunctions, itemIndex: number, property: string): Promise<BinaryFile | undefined> {
	const binary = context.getInputData()[itemIndex]?.binary?.[property];
	if (!binary) return undefined;
	const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	return { mimeType: binary.mimeType, fileName: binary.fileName, size: bytes.length, bytes };
}

/** Uploads a file for a phone number (multipart: file, type, messaging_product) and returns the media ID. */
export async function uploadFile(context: IExecuteFunctions, itemIndex: number, phoneNumberId: string, file: BinaryFile): Promise<string> {
	const form = new FormData();
	form.append('messaging_product', 'whatsapp');
	form.append('type', file.mimeType);
	form.append('file', new Blob([file.bytes], { type: file.mimeType }), file.fileName ?? 'file');
	// Repeating an upload only leaves an unused copy at Meta, so an unclear outcome may be retried.
	const response = await graphRequest.call(context, {
		method: 'POST',
		url: `/${phoneNumberId}/media`,
		body: form as unknown as IDataObject,
		safeToRepeat: true,
		itemIndex,
	});
	return String((response as IDataObject).id);
}

/** Reads, checks (type and size limits) and uploads the item's binary file; returns the media ID. */
export async function uploadFromItem(
	context: IExecuteFunctions,
	itemIndex: number,
	phoneNumberId: string,
	property: string,
	kind?: MediaKind,
): Promise<{ id: string; file: BinaryFile; kind: MediaKind }> {
	const file = await readBinaryFile(context, itemIndex, property);
	if (!file) throw new InputError('Input Binary Field', `the item has no binary data in "${property}"`);
	const checkedKind = checkMediaFile(`Input Binary Field "${property}"`, file, kind);
	const id = await uploadFile(context, itemIndex, phoneNumberId, file);
	return { id, file, kind: checkedKind };
}

const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'video/mp4': 'mp4',
	'video/3gpp': '3gp',
	'audio/aac': 'aac',
	'audio/amr': 'amr',
	'audio/mpeg': 'mp3',
	'audio/mp4': 'm4a',
	'audio/ogg': 'ogg',
	'text/plain': 'txt',
	'application/pdf': 'pdf',
};

function phoneFilter(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = context.getNodeParameter('mediaOptions', itemIndex, {}) as IDataObject;
	const phone = String(options.phoneNumberId ?? '').trim();
	return phone ? { phone_number_id: phone } : {};
}

function mediaIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const id = String(context.getNodeParameter('mediaId', itemIndex, '')).trim();
	if (!/^\d{5,30}$/.test(id)) throw new InputError('Media ID', `"${id}" is not a media ID (a number)`);
	return id;
}

type ItemOperation = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData>;

const operations: Record<string, ItemOperation> = {
	async upload(itemIndex) {
		const phoneNumberId = String(this.getNodeParameter('phoneNumberId', itemIndex, '', { extractValue: true }));
		const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
		const { id, file, kind } = await uploadFromItem(this, itemIndex, phoneNumberId, property);
		return { json: { id, mime_type: file.mimeType, file_size: file.size, file_name: file.fileName ?? null, media_type: kind, phone_number_id: phoneNumberId } };
	},
	async get(itemIndex) {
		const id = mediaIdOf(this, itemIndex);
		return { json: (await graphRequest.call(this, { url: `/${id}`, qs: phoneFilter(this, itemIndex), itemIndex })) as IDataObject };
	},
	async download(itemIndex) {
		const id = mediaIdOf(this, itemIndex);
		const meta = (await graphRequest.call(this, { url: `/${id}`, qs: phoneFilter(this, itemIndex), itemIndex })) as IDataObject;
		const url = String(meta.url ?? '');
		if (!/^https?:\/\//i.test(url)) throw new NodeOperationError(this.getNode(), `Meta returned no download URL for media ${id}`, { itemIndex });
		// The URL needs the same Bearer token: the transport sends it only to the Base URL's host or Meta's media host, over https.
		const response = await graphRequestFull.call<IExecuteFunctions, Parameters<typeof graphRequestFull>, Promise<{ body: Buffer; headers: IDataObject }>>(this, {
			url,
			encoding: 'arraybuffer',
			itemIndex,
		});
		const bytes = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body as unknown as ArrayBuffer);
		const mimeType = String(meta.mime_type ?? response.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim();
		const options = this.getNodeParameter('mediaOptions', itemIndex, {}) as IDataObject;
		const extension = EXTENSIONS[mimeType];
		const fileName = String(options.fileName || (extension ? `${id}.${extension}` : id));
		const property = String(this.getNodeParameter('outputBinaryPropertyName', itemIndex, 'data'));
		const binary = await this.helpers.prepareBinaryData(bytes, fileName, mimeType);
		const { url: _url, ...json } = meta;
		return { json: { ...json, file_name: fileName }, binary: { [property]: binary } };
	},
	async delete(itemIndex) {
		const id = mediaIdOf(this, itemIndex);
		const response = (await graphRequest.call(this, { method: 'DELETE', url: `/${id}`, qs: phoneFilter(this, itemIndex), itemIndex })) as IDataObject;
		return { json: { ...response, id } };
	},
};

function itemError(context: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof InputError) return new NodeOperationError(context.getNode(), error.message, { itemIndex });
	return error as Error;
}

function asCustomOperation(operation: ItemOperation) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const result = await operation.call(this, itemIndex);
				output.push({ ...result, pairedItem: { item: itemIndex } });
			} catch (error) {
				const failure = itemError(this, error, itemIndex);
				if (!this.continueOnFail()) throw failure;
				output.push({ json: { error: failure.message, description: (failure as { description?: string }).description ?? null }, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	};
}

/** Operations of the Media resource that run as custom operations (see the file comments). */
export const mediaCustomOperations: Record<string, (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>> = Object.fromEntries(
	Object.entries(operations).map(([name, operation]) => [name, asCustomOperation(operation)]),
);
