import { createHash, createHmac, timingSafeEqual } from 'crypto';

export const SIGNATURE_HEADER = 'x-hub-signature-256';
const LEGACY_SIGNATURE_HEADER = 'x-hub-signature';
const SIGNATURE_FORMAT = /^sha256=([0-9a-f]{64})$/i;

export type SignatureCheck = { valid: true } | { valid: false; reason: string };

function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name];
	if (Array.isArray(value)) return value.length === 1 ? String(value[0]) : undefined;
	return typeof value === 'string' ? value : undefined;
}

/** `sha256=<lowercase hex HMAC-SHA256(appSecret, rawBody)>`, as Meta signs a delivery. */
export function expectedSignature(rawBody: Buffer, appSecret: string): string {
	return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/**
 * Checks Meta's X-Hub-Signature-256 over the exact bytes received (never re-serialised JSON),
 * comparing the two 32-byte digests in constant time. The reason says what was wrong, for the log.
 */
export function verifySignature(rawBody: Buffer, headers: Record<string, unknown>, appSecret: string): SignatureCheck {
	const header = headerValue(headers, SIGNATURE_HEADER);
	if (header === undefined) {
		if (headers[SIGNATURE_HEADER] !== undefined) {
			return { valid: false, reason: 'the request carries more than one X-Hub-Signature-256 header' };
		}
		if (headerValue(headers, LEGACY_SIGNATURE_HEADER) !== undefined) {
			return { valid: false, reason: 'the request has only the SHA-1 X-Hub-Signature header; Meta signs with X-Hub-Signature-256, and SHA-1 signatures are not accepted' };
		}
		return { valid: false, reason: 'the request has no X-Hub-Signature-256 header' };
	}
	const match = SIGNATURE_FORMAT.exec(header.trim());
	if (!match) {
		return { valid: false, reason: 'the X-Hub-Signature-256 header is malformed (expected "sha256=" and 64 hex digits)' };
	}
	const received = Buffer.from(match[1], 'hex');
	const expected = createHmac('sha256', appSecret).update(rawBody).digest();
	if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
		return { valid: false, reason: 'the X-Hub-Signature-256 header does not match the body (wrong app secret, or the body was altered on the way)' };
	}
	return { valid: true };
}

/**
 * Compares two secrets in constant time whatever their lengths: both sides are hashed first, so
 * timingSafeEqual always sees two 32-byte buffers and the time taken says nothing about the secret.
 */
export function secretsEqual(received: string, expected: string): boolean {
	const a = createHash('sha256').update(received, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b) && received.length === expected.length;
}
