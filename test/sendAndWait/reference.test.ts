import { generateUrlSignature, prepareUrlForSigning } from 'n8n-core';

import {
	answerSignatureValid,
	decodeReference,
	encodeReference,
	MAX_REFERENCE_LENGTH,
	referenceFromSignedUrl,
	resumeQuery,
	resumeUrlOf,
	signAnswer,
	type WaitReference,
} from '../../nodes/WhatsAppBusinessPlatform/resources/message/sendAndWait/reference';
import { describeWithSignedResumeUrls } from '../helpers';

const N8N_SECRET = 'n8n-instance-hmac-secret';
const APP_SECRET = 'app-secret';
const BASE = 'https://n8n.example.com/webhook-waiting';

/** What n8n-core's getSignedResumeUrl returns for these parameters. */
function signedByN8n(executionId: string, nodeId: string, query: Record<string, string>, base = BASE): string {
	const url = new URL(`${base}/${executionId}/${encodeURIComponent(nodeId)}`);
	for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
	url.searchParams.set('signature', generateUrlSignature(prepareUrlForSigning(url), N8N_SECRET));
	return url.toString();
}

function referenceFor(option: string, overrides: Partial<WaitReference> = {}, base = BASE): { reference: WaitReference; signedUrl: string } {
	const question = { questionId: 'Qx7-abc_123', option, expiresAt: overrides.expiresAt ?? 1_900_000_000 };
	const signedUrl = signedByN8n(overrides.executionId ?? '98765', 'f1e2d3c4-b5a6-4789-8abc-def012345678', resumeQuery(question), base);
	return { reference: { ...referenceFromSignedUrl(signedUrl, question), ...overrides }, signedUrl };
}

describeWithSignedResumeUrls('send-and-wait references in button IDs', () => {
	it('round-trip: the trigger rebuilds exactly the URL n8n signed, for any base path', () => {
		for (const base of [BASE, 'http://127.0.0.1:5678/webhook-waiting', 'https://example.com/n8n/wait']) {
			const { reference, signedUrl } = referenceFor('a', {}, base);
			const id = encodeReference(reference, APP_SECRET);
			const decoded = decodeReference(id, APP_SECRET);
			expect(decoded).toEqual({ ok: true, reference });
			if (!decoded.ok) return;
			expect(resumeUrlOf(decoded.reference, base)).toBe(signedUrl);
		}
	});

	it('fits Meta\'s 200-character list row ID with long execution IDs and no expiry', () => {
		const { reference } = referenceFor('9', { executionId: '12345678901234567890', expiresAt: 0 });
		const id = encodeReference(reference, APP_SECRET);
		expect(id.length).toBeLessThanOrEqual(MAX_REFERENCE_LENGTH);
		expect(decodeReference(id, APP_SECRET).ok).toBe(true);
	});

	it('refuses every changed field, a wrong app secret and garbage', () => {
		const id = encodeReference(referenceFor('a').reference, APP_SECRET);
		const parts = id.split('|');
		const changed = [
			[...parts.slice(0, 1), '98766', ...parts.slice(2)],
			[...parts.slice(0, 4), 'd', ...parts.slice(5)],
			[...parts.slice(0, 5), '0', ...parts.slice(6)],
			[...parts.slice(0, 3), 'other', ...parts.slice(4)],
			[...parts.slice(0, 7), parts[7].replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))],
		].map((p) => p.join('|'));
		for (const forged of changed) expect(decodeReference(forged, APP_SECRET)).toEqual({ ok: false, reason: expect.any(String) });
		expect(decodeReference(id, 'another-app')).toEqual({ ok: false, reason: expect.stringMatching(/not signed with this app/) });
		expect(decodeReference(id, '')).toEqual({ ok: false, reason: expect.stringMatching(/no App Secret/) });
		for (const garbage of ['n8nwa1|', 'n8nwa1|1|2|3|4|5|6|7', `${id}|extra`, 'n8nwa1|1|../../x|q|a|0|' + 'A'.repeat(43) + '|' + 'B'.repeat(22)]) {
			expect(decodeReference(garbage, APP_SECRET).ok).toBe(false);
		}
	});

	it('a reference re-signed with the app secret for another option still fails n8n\'s own signature', () => {
		const { reference } = referenceFor('d');
		const approve = { ...reference, option: 'a' };
		const url = new URL(resumeUrlOf(approve, BASE));
		const expected = generateUrlSignature(prepareUrlForSigning(url), N8N_SECRET);
		expect(url.searchParams.get('signature')).not.toBe(expected);
	});

	it('the answer the trigger posts is checked with the app secret', () => {
		const body = JSON.stringify({ answer: { from: '16505551234' } });
		const signature = signAnswer(body, APP_SECRET);
		expect(answerSignatureValid(Buffer.from(body), signature, APP_SECRET)).toBe(true);
		expect(answerSignatureValid(Buffer.from(body.replace('1650', '1651')), signature, APP_SECRET)).toBe(false);
		expect(answerSignatureValid(Buffer.from(body), signature, 'other')).toBe(false);
		expect(answerSignatureValid(Buffer.from(body), undefined, APP_SECRET)).toBe(false);
		expect(answerSignatureValid(Buffer.from(body), signature, '')).toBe(false);
	});
});
