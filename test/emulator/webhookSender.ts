import { createHmac, randomInt } from 'node:crypto';

/** Serialises like Meta: JSON with every non-ASCII character escaped as \uXXXX. */
export function metaJson(payload: unknown): string {
	return JSON.stringify(payload).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function signatureFor(rawBody: Buffer | string, appSecret: string): string {
	return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

export interface WebhookDelivery {
	status: number;
	body: string;
}

export interface SendWebhookOptions {
	appSecret?: string;
	/** Override the computed signature header (null leaves it out), for attack tests. */
	signature?: string | null;
	/** Send these exact bytes instead of serialising `payload`. */
	rawBody?: Buffer;
	headers?: Record<string, string>;
}

/** Delivers an event the way Meta does: POST, JSON with \u escapes, X-Hub-Signature-256 over the raw bytes. */
export async function sendWebhook(url: string, payload: unknown, options: SendWebhookOptions = {}): Promise<WebhookDelivery> {
	const raw = options.rawBody ?? Buffer.from(metaJson(payload), 'utf8');
	const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'facebookexternalua', ...options.headers };
	const signature = options.signature === undefined ? (options.appSecret ? signatureFor(raw, options.appSecret) : undefined) : options.signature;
	if (signature !== undefined && signature !== null) headers['x-hub-signature-256'] = signature;
	const response = await fetch(url, { method: 'POST', headers, body: raw });
	return { status: response.status, body: await response.text() };
}

/** Meta's verification handshake against a callback URL: true when it echoes the challenge. */
export async function verifyCallback(url: string, verifyToken: string): Promise<{ ok: boolean; status: number; body: string; challenge: string }> {
	const challenge = String(randomInt(100_000_000, 999_999_999));
	const target = new URL(url);
	target.searchParams.set('hub.mode', 'subscribe');
	target.searchParams.set('hub.challenge', challenge);
	target.searchParams.set('hub.verify_token', verifyToken);
	try {
		const response = await fetch(target, { method: 'GET' });
		const body = await response.text();
		return { ok: response.status === 200 && body === challenge, status: response.status, body, challenge };
	} catch (error) {
		return { ok: false, status: 0, body: String(error), challenge };
	}
}
