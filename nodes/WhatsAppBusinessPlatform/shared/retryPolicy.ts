/**
 * When a failed Graph call may be sent again, and how long to wait first.
 * Pure functions over a normalised failure, so both the transport and tests can use them.
 */

export interface GraphFailure {
	/** HTTP status, absent when no answer arrived. */
	statusCode?: number;
	headers: Record<string, string | string[] | undefined>;
	body?: unknown;
	/** Node's socket error code (ECONNRESET, ECONNREFUSED, …) when no answer arrived. */
	networkCode?: string;
}

export interface RetryBudget {
	/** How many times one call may be repeated. */
	maxRetries: number;
	/** The most time one call may spend waiting between attempts, in milliseconds. */
	maxWaitMs: number;
}

export const DEFAULT_RETRY_BUDGET: RetryBudget = { maxRetries: 5, maxWaitMs: 120_000 };

export type FailureKind =
	/** Meta refused the call for rate reasons: it was not carried out, so it is always safe to repeat. */
	| 'throttled'
	/** The request never left: always safe to repeat. */
	| 'notSent'
	/** The outcome is unknown or a server fault: repeat only calls that are safe to repeat. */
	| 'transient'
	| 'permanent';

/** Codes that mean "slow down": the call was rejected, nothing happened. */
export const THROTTLE_CODES = new Set([4, 17, 32, 613, 80007, 80008, 130429, 131056]);
/** Codes Meta marks as temporary server trouble. */
export const TRANSIENT_CODES = new Set([1, 2, 131000, 131016]);
const NOT_SENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
/** Pseudo network code for a 2xx answer whose body is not the JSON it should be. */
export const NOT_JSON = 'ERR_NOT_JSON';
const AMBIGUOUS_NETWORK_CODES = new Set([NOT_JSON, 'ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT', 'ERR_BAD_RESPONSE']);

export interface GraphErrorBody {
	message?: string;
	type?: string;
	code?: number;
	error_subcode?: number;
	error_user_title?: string;
	error_user_msg?: string;
	is_transient?: boolean;
	error_data?: { messaging_product?: string; details?: string } | string;
	fbtrace_id?: string;
}

export function graphErrorOf(body: unknown): GraphErrorBody | undefined {
	if (body && typeof body === 'object' && 'error' in body) {
		const error = (body as { error: unknown }).error;
		if (error && typeof error === 'object') return error as GraphErrorBody;
	}
	return undefined;
}

export function classifyFailure(failure: GraphFailure): FailureKind {
	const code = graphErrorOf(failure.body)?.code;
	if (code !== undefined && THROTTLE_CODES.has(code)) return 'throttled';
	if (failure.statusCode === 429) return 'throttled';
	if (failure.statusCode === undefined) {
		if (failure.networkCode && NOT_SENT_NETWORK_CODES.has(failure.networkCode)) return 'notSent';
		if (failure.networkCode && AMBIGUOUS_NETWORK_CODES.has(failure.networkCode)) return 'transient';
		return 'transient';
	}
	if (code !== undefined && TRANSIENT_CODES.has(code)) return 'transient';
	if (failure.statusCode >= 500) return 'transient';
	return 'permanent';
}

export function shouldRetry(kind: FailureKind, safeToRepeat: boolean): boolean {
	if (kind === 'throttled' || kind === 'notSent') return true;
	if (kind === 'transient') return safeToRepeat;
	return false;
}

/** A response header by name, whatever its case; the first value when it came several times. */
export function headerOf(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() !== wanted || value === undefined || value === null) continue;
		return String(Array.isArray(value) ? value[0] : value);
	}
	return undefined;
}

/** Minutes Meta says it takes to regain access, from X-Business-Use-Case-Usage (largest over all entries). */
function regainAccessMinutes(failure: GraphFailure): number | undefined {
	const raw = headerOf(failure.headers, 'x-business-use-case-usage');
	if (!raw) return undefined;
	try {
		const usage = JSON.parse(raw) as Record<string, Array<{ estimated_time_to_regain_access?: number }>>;
		const minutes = Object.values(usage)
			.flat()
			.map((entry) => Number(entry?.estimated_time_to_regain_access ?? 0));
		const largest = Math.max(0, ...minutes);
		return largest > 0 ? largest : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Retry-After in both of its forms (RFC 9110): seconds to wait, or the HTTP date to wait until.
 * Undefined when the value cannot be read.
 */
export function retryAfterMs(value: string | undefined, now: number = Date.now()): number | undefined {
	const text = value?.trim() ?? '';
	if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text) * 1000;
	if (!/^[A-Za-z]{3}/.test(text)) return undefined;
	const until = Date.parse(text);
	return Number.isNaN(until) ? undefined : Math.max(0, until - now);
}

/**
 * Milliseconds to wait before attempt number `attempt + 1` (attempt counts from 0).
 * Order of trust: the server's Retry-After, then Meta's estimated_time_to_regain_access,
 * then Meta's 4^X advice for the pair rate limit, then exponential backoff with jitter.
 */
export function retryDelayMs(failure: GraphFailure, attempt: number, random: () => number = Math.random, now: number = Date.now()): number {
	const retryAfter = retryAfterMs(headerOf(failure.headers, 'retry-after'), now);
	if (retryAfter !== undefined) return retryAfter;
	const minutes = regainAccessMinutes(failure);
	if (minutes !== undefined) return minutes * 60_000;
	if (graphErrorOf(failure.body)?.code === 131056) return 4 ** attempt * 1000;
	const base = Math.min(30_000, 1000 * 2 ** attempt);
	return Math.round(base * (0.8 + 0.4 * random()));
}
