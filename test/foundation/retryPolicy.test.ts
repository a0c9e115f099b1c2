import { classifyFailure, retryDelayMs, shouldRetry, type GraphFailure } from '../../nodes/WhatsAppBusinessPlatform/shared/retryPolicy';
import { redact } from '../../nodes/WhatsAppBusinessPlatform/shared/errors';

const graphError = (code: number, statusCode = 400, headers: GraphFailure['headers'] = {}): GraphFailure => ({
	statusCode,
	headers,
	body: { error: { message: 'x', code } },
});

describe('retry policy', () => {
	it.each([4, 17, 32, 80007, 80008, 130429, 131056])('treats code %i as throttling: retried even for calls that must not repeat', (code) => {
		const kind = classifyFailure(graphError(code));
		expect(kind).toBe('throttled');
		expect(shouldRetry(kind, false)).toBe(true);
	});

	it.each([
		['code 1', graphError(1, 500)],
		['code 2', graphError(2, 503)],
		['code 131000', graphError(131000, 500)],
		['HTTP 502 without a body', { statusCode: 502, headers: {} }],
		['a reset connection', { headers: {}, networkCode: 'ECONNRESET' }],
	])('retries %s only when the call is safe to repeat', (_name, failure) => {
		const kind = classifyFailure(failure as GraphFailure);
		expect(kind).toBe('transient');
		expect(shouldRetry(kind, true)).toBe(true);
		expect(shouldRetry(kind, false)).toBe(false);
	});

	it('retries a refused connection always: nothing was sent', () => {
		expect(shouldRetry(classifyFailure({ headers: {}, networkCode: 'ECONNREFUSED' }), false)).toBe(true);
	});

	it.each([100, 190, 200, 131047, 132001])('never retries code %i', (code) => {
		expect(shouldRetry(classifyFailure(graphError(code)), true)).toBe(false);
	});

	it('waits what Retry-After says, then estimated_time_to_regain_access, then 4^X for the pair limit', () => {
		expect(retryDelayMs(graphError(4, 429, { 'Retry-After': '7' }), 0)).toBe(7000);
		const usage = JSON.stringify({ '123': [{ type: 'WHATSAPP_BUSINESS_API', call_count: 100, estimated_time_to_regain_access: 3 }] });
		expect(retryDelayMs(graphError(80008, 400, { 'x-business-use-case-usage': usage }), 0)).toBe(180_000);
		expect([0, 1, 2, 3].map((attempt) => retryDelayMs(graphError(131056), attempt))).toEqual([1000, 4000, 16_000, 64_000]);
	});

	it('honours Retry-After as an HTTP date too, and never waits a negative time', () => {
		const now = Date.UTC(2026, 0, 15, 12, 0, 0);
		const inThirtySeconds = new Date(now + 30_000).toUTCString();
		expect(retryDelayMs(graphError(4, 429, { 'retry-after': inThirtySeconds }), 0, () => 0.5, now)).toBe(30_000);
		expect(retryDelayMs(graphError(4, 503, { 'Retry-After': 'Thu, 15 Jan 2026 12:00:02 GMT' }), 3, () => 0.5, now)).toBe(2000);
		expect(retryDelayMs(graphError(4, 503, { 'Retry-After': 'Thursday, 15-Jan-26 12:00:05 GMT' }), 0, () => 0.5, now)).toBe(5000);
		expect(retryDelayMs(graphError(4, 429, { 'retry-after': new Date(now - 60_000).toUTCString() }), 0, () => 0.5, now)).toBe(0);
		expect(retryDelayMs(graphError(4, 429, { 'retry-after': '0' }), 2, () => 0.5, now)).toBe(0);
	});

	it('ignores a Retry-After it cannot read and backs off as usual', () => {
		expect(retryDelayMs(graphError(4, 429, { 'retry-after': 'soon' }), 0, () => 0.5)).toBe(1000);
		expect(retryDelayMs(graphError(4, 429, { 'retry-after': '-5' }), 0, () => 0.5)).toBe(1000);
	});

	it('backs off exponentially with jitter, capped at 30 s', () => {
		const failure = graphError(130429);
		expect(retryDelayMs(failure, 0, () => 0.5)).toBe(1000);
		expect(retryDelayMs(failure, 3, () => 0.5)).toBe(8000);
		expect(retryDelayMs(failure, 10, () => 0.5)).toBe(30_000);
		expect(retryDelayMs(failure, 2, () => 0)).toBe(3200);
		expect(retryDelayMs(failure, 2, () => 1)).toBe(4800);
	});
});

describe('redaction', () => {
	it('scrubs secrets anywhere in nested values and leaves the rest', () => {
		const input = { message: 'token EAAsecret123 leaked', nested: [{ deep: 'proof=EAAsecret123&x=appsecret99' }], count: 3 };
		expect(redact(input, ['EAAsecret123', 'appsecret99', undefined])).toEqual({
			message: 'token [redacted] leaked',
			nested: [{ deep: 'proof=[redacted]&x=[redacted]' }],
			count: 3,
		});
	});
});
