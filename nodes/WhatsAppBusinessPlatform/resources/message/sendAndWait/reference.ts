import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

import { expectedSignature, secretsEqual } from '../../../../WhatsAppBusinessPlatformTrigger/signature';

/*
 * A reply button's ID (or a list row's ID) carries a compact, signed reference to the execution
 * that waits for it. The customer's tap comes back as a `messages` webhook to this package's
 * trigger, which rebuilds n8n's signed resume URL from the reference and calls it, so n8n itself
 * resumes the execution (and keeps it waiting across restarts, in its database).
 *
 *   n8nwa1|<executionId>|<nodeId, URL-encoded>|<questionId>|<option>|<expires>|<n8n signature>|<mac>
 *
 * - executionId, nodeId, questionId, option and expires are the path and query of the resume URL
 *   that n8n signed with its own secret (`getSignedResumeUrl`); n8n checks that signature.
 * - mac: HMAC-SHA256 with the app secret over everything before it, so the trigger can tell a
 *   forged ID (ignored) from a stale one (answered politely) before it calls n8n.
 * - questionId: fresh per question; the waiting node accepts only its own, so a tap on an earlier
 *   question asked by the same node in the same execution (a loop) resumes nothing.
 */

export const REFERENCE_PREFIX = 'n8nwa1';
const SEPARATOR = '|';
const MAC_BYTES = 16;
/** Meta's limit for a list row ID; reply button IDs may be 256. */
export const MAX_REFERENCE_LENGTH = 200;

export interface WaitReference {
	executionId: string;
	/** As it appears in the resume URL's path (URL-encoded). */
	nodeIdPath: string;
	questionId: string;
	/** `a` approve, `d` decline, or the index of a choice (`0`–`9`). */
	option: string;
	/** When the question stops waiting, in epoch seconds; 0 = waits until answered. */
	expiresAt: number;
	/** n8n's URL signature (hex). */
	signature: string;
}

const SAFE = /^[A-Za-z0-9_.~%-]+$/;

function mac(body: string, appSecret: string): string {
	return createHmac('sha256', appSecret).update(body).digest().subarray(0, MAC_BYTES).toString('base64url');
}

export function newQuestionId(): string {
	return randomBytes(8).toString('base64url');
}

/** The query parameters the resume URL is signed with, in the order they are signed. */
export function resumeQuery(reference: Pick<WaitReference, 'questionId' | 'option' | 'expiresAt'>): Record<string, string> {
	return { q: reference.questionId, o: reference.option, x: reference.expiresAt.toString(36) };
}

/** Reads execution, node and signature out of the URL n8n's `getSignedResumeUrl` returned. */
export function referenceFromSignedUrl(signedUrl: string, question: Pick<WaitReference, 'questionId' | 'option' | 'expiresAt'>): WaitReference {
	const url = new URL(signedUrl);
	const segments = url.pathname.split('/');
	const nodeIdPath = segments.at(-1) ?? '';
	const executionId = segments.at(-2) ?? '';
	const signature = url.searchParams.get('signature') ?? '';
	if (!executionId || !nodeIdPath || !/^[0-9a-f]{64}$/.test(signature)) {
		throw new Error(`n8n returned a resume URL this node cannot use: ${url.pathname}`);
	}
	return { executionId, nodeIdPath, signature, ...question };
}

export function encodeReference(reference: WaitReference, appSecret: string): string {
	const body = [
		REFERENCE_PREFIX,
		reference.executionId,
		reference.nodeIdPath,
		reference.questionId,
		reference.option,
		reference.expiresAt.toString(36),
		Buffer.from(reference.signature, 'hex').toString('base64url'),
	].join(SEPARATOR);
	return `${body}${SEPARATOR}${mac(body, appSecret)}`;
}

export function looksLikeReference(id: unknown): id is string {
	return typeof id === 'string' && id.startsWith(`${REFERENCE_PREFIX}${SEPARATOR}`);
}

export type ParsedReference = { ok: true; reference: WaitReference } | { ok: false; reason: string };

/** Checks the shape and the app-secret MAC; n8n checks its own signature when the trigger calls it. */
export function decodeReference(id: string, appSecret: string): ParsedReference {
	const parts = id.split(SEPARATOR);
	if (parts.length !== 8 || parts[0] !== REFERENCE_PREFIX) return { ok: false, reason: 'not a send-and-wait reference' };
	const [, executionId, nodeIdPath, questionId, option, expires, signature, providedMac] = parts;
	if (!/^\d{1,20}$/.test(executionId) || !SAFE.test(nodeIdPath) || !/^[A-Za-z0-9_-]{1,32}$/.test(questionId) || !/^([ad]|\d)$/.test(option)) {
		return { ok: false, reason: 'malformed reference' };
	}
	if (!/^[0-9a-z]{1,12}$/.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return { ok: false, reason: 'malformed reference' };
	if (!appSecret) return { ok: false, reason: 'the trigger\'s credential has no App Secret to check the reference with' };
	const expected = Buffer.from(mac(parts.slice(0, 7).join(SEPARATOR), appSecret));
	const provided = Buffer.from(providedMac);
	if (expected.length !== provided.length || !timingSafeEqual(expected, provided)) {
		return { ok: false, reason: 'the reference is not signed with this app\'s secret' };
	}
	return {
		ok: true,
		reference: {
			executionId,
			nodeIdPath,
			questionId,
			option,
			expiresAt: parseInt(expires, 36),
			signature: Buffer.from(signature, 'base64url').toString('hex'),
		},
	};
}

/** n8n's resume URL for a reference, exactly as n8n signed it. `waitingBaseUrl` is n8n's `…/webhook-waiting`. */
export function resumeUrlOf(reference: WaitReference, waitingBaseUrl: string): string {
	const query = new URLSearchParams(resumeQuery(reference));
	query.set('signature', reference.signature);
	return `${waitingBaseUrl.replace(/\/+$/, '')}/${reference.executionId}/${reference.nodeIdPath}?${query.toString()}`;
}

/** Header that carries the trigger's HMAC (app secret) over the body it posts to the waiting node. */
export const ANSWER_SIGNATURE_HEADER = 'x-whatsapp-answer-signature';

/** The same HMAC Meta signs deliveries with, over the exact bytes of the body the trigger posts. */
export function signAnswer(rawBody: string, appSecret: string): string {
	return expectedSignature(Buffer.from(rawBody, 'utf8'), appSecret);
}

export function answerSignatureValid(rawBody: Buffer | string, header: unknown, appSecret: string): boolean {
	if (typeof header !== 'string' || !appSecret) return false;
	return secretsEqual(header, expectedSignature(Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8'), appSecret));
}
