import type { IncomingMessage } from 'node:http';

export interface MultipartPart {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

/** A request as route handlers see it: path split into the Graph version, the node ID and the edge. */
export interface ParsedRequest {
	method: string;
	/** Path without the version, e.g. /106540352242922/messages. */
	path: string;
	version: string | undefined;
	segments: string[];
	query: Record<string, string>;
	headers: IncomingMessage['headers'];
	rawBody: Buffer;
	contentType: string;
	/** JSON or form body (form values that look like JSON are parsed), merged over the query for POST/DELETE. */
	body: Record<string, unknown>;
	/** query + body: Graph accepts parameters in either. */
	params: Record<string, unknown>;
	parts: MultipartPart[];
	bodyIsJson: boolean;
	bodyParseError?: string;
}

export async function readBody(req: IncomingMessage, limitBytes = 120 * 1024 * 1024): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > limitBytes) throw new Error('body too large');
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

function maybeJson(value: string): unknown {
	const trimmed = value.trim();
	if (/^[[{]/.test(trimmed)) {
		try {
			return JSON.parse(trimmed);
		} catch {
			return value;
		}
	}
	return value;
}

export function parseMultipart(raw: Buffer, contentType: string): MultipartPart[] {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!boundary) return [];
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
	const parts: MultipartPart[] = [];
	let start = raw.indexOf(delimiter);
	while (start !== -1) {
		const next = raw.indexOf(delimiter, start + delimiter.length);
		if (next === -1) break;
		const section = raw.subarray(start + delimiter.length + 2, next - 2);
		const headerEnd = section.indexOf('\r\n\r\n');
		if (headerEnd !== -1) {
			const headerText = section.subarray(0, headerEnd).toString('utf8');
			const disposition = /content-disposition:[^\r\n]*/i.exec(headerText)?.[0] ?? '';
			const name = /name="([^"]*)"/i.exec(disposition)?.[1] ?? '';
			const filename = /filename="([^"]*)"/i.exec(disposition)?.[1];
			const partType = /content-type:\s*([^\r\n]+)/i.exec(headerText)?.[1]?.trim();
			parts.push({ name, filename, contentType: partType, data: section.subarray(headerEnd + 4) });
		}
		start = next;
	}
	return parts;
}

export function parseRequest(req: IncomingMessage, rawBody: Buffer): ParsedRequest {
	const url = new URL(req.url ?? '/', 'http://emulator.local');
	const allSegments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
	const version = /^v\d+\.\d+$/.test(allSegments[0] ?? '') ? allSegments.shift() : undefined;
	const query = Object.fromEntries(url.searchParams.entries());
	const contentType = String(req.headers['content-type'] ?? '');
	let body: Record<string, unknown> = {};
	let parts: MultipartPart[] = [];
	let bodyIsJson = false;
	let bodyParseError: string | undefined;
	if (rawBody.length) {
		if (/application\/json/i.test(contentType)) {
			try {
				const parsed = JSON.parse(rawBody.toString('utf8'));
				body = parsed && typeof parsed === 'object' ? parsed : {};
				bodyIsJson = true;
			} catch (error) {
				bodyParseError = String((error as Error).message);
			}
		} else if (/application\/x-www-form-urlencoded/i.test(contentType)) {
			body = Object.fromEntries([...new URLSearchParams(rawBody.toString('utf8')).entries()].map(([key, value]) => [key, maybeJson(value)]));
		} else if (/multipart\/form-data/i.test(contentType)) {
			parts = parseMultipart(rawBody, contentType);
			for (const part of parts) if (part.filename === undefined) body[part.name] = maybeJson(part.data.toString('utf8'));
		}
	}
	const queryParams = Object.fromEntries(Object.entries(query).map(([key, value]) => [key, maybeJson(value)]));
	return {
		method: (req.method ?? 'GET').toUpperCase(),
		path: `/${allSegments.join('/')}`,
		version,
		segments: allSegments,
		query,
		headers: req.headers,
		rawBody,
		contentType,
		body,
		params: { ...queryParams, ...body },
		parts,
		bodyIsJson,
		bodyParseError,
	};
}
