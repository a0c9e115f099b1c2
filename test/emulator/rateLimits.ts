import { GraphError } from './graphError';

export interface RateLimitConfig {
	/** Management calls per WABA per hour before 80008 (Meta: 200, or 5000 for an active WABA). */
	wabaCallsPerHour: number;
	/** Messages per phone number per second before 130429 (Meta: 80 by default). */
	messagesPerSecond: number;
	/** Burst of messages to one recipient before 131056, refilled one per `pairRefillMs`. */
	pairBurst: number;
	pairRefillMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
	wabaCallsPerHour: 5000,
	messagesPerSecond: 80,
	pairBurst: 45,
	pairRefillMs: 6000,
};

/** Counters behind Meta's three limits. `now` is injectable so tests need not wait for real time. */
export class RateLimiter {
	private readonly wabaCalls = new Map<string, number[]>();
	private readonly numberSends = new Map<string, number[]>();
	private readonly pairTokens = new Map<string, { tokens: number; at: number }>();

	constructor(public config: RateLimitConfig, private readonly now: () => number = Date.now) {}

	reset(): void {
		this.wabaCalls.clear();
		this.numberSends.clear();
		this.pairTokens.clear();
	}

	/** Counts a management call; throws 80008 with the usage header Meta sends when over. */
	chargeWabaCall(wabaId: string): { callCountPercent: number } {
		const hourAgo = this.now() - 3_600_000;
		const calls = (this.wabaCalls.get(wabaId) ?? []).filter((at) => at > hourAgo);
		if (calls.length >= this.config.wabaCallsPerHour) {
			const minutes = Math.max(1, Math.ceil((calls[0] + 3_600_000 - this.now()) / 60_000));
			throw new GraphError(400, 80008, '(#80008) There have been too many calls to this WhatsApp Business account. Wait a bit and try again.', {
				type: 'OAuthException',
				headers: { 'x-business-use-case-usage': usageHeader(wabaId, 100, minutes) },
			});
		}
		calls.push(this.now());
		this.wabaCalls.set(wabaId, calls);
		return { callCountPercent: Math.round((calls.length / this.config.wabaCallsPerHour) * 100) };
	}

	/** Counts a message send from a number to a recipient; throws 130429 or 131056 when over. */
	chargeMessage(phoneNumberId: string, recipient: string): void {
		const now = this.now();
		const secondAgo = now - 1000;
		const sends = (this.numberSends.get(phoneNumberId) ?? []).filter((at) => at > secondAgo);
		if (sends.length >= this.config.messagesPerSecond) {
			this.numberSends.set(phoneNumberId, sends);
			throw new GraphError(400, 130429, '(#130429) Rate limit hit', {
				details: `Cloud API message throughput has been reached (${this.config.messagesPerSecond} messages per second).`,
			});
		}
		const key = `${phoneNumberId}>${recipient}`;
		const bucket = this.pairTokens.get(key) ?? { tokens: this.config.pairBurst, at: now };
		const refilled = Math.min(this.config.pairBurst, bucket.tokens + (now - bucket.at) / this.config.pairRefillMs);
		if (refilled < 1) {
			this.pairTokens.set(key, { tokens: refilled, at: now });
			throw new GraphError(400, 131056, '(#131056) (Business Account, Consumer Account) pair rate limit hit', {
				details: 'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
			});
		}
		this.pairTokens.set(key, { tokens: refilled - 1, at: now });
		sends.push(now);
		this.numberSends.set(phoneNumberId, sends);
	}
}

export function usageHeader(id: string, callCount: number, regainMinutes = 0): string {
	return JSON.stringify({
		[id]: [{ type: 'WHATSAPP_BUSINESS_API', call_count: callCount, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: regainMinutes }],
	});
}
