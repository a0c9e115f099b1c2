import { NodeOperationError, type IExecuteSingleFunctions } from 'n8n-workflow';

/**
 * The one layer of input checks that run before any request. Every check throws an InputError
 * naming the field and the problem; `validated` (declarative operations) and the message send
 * path turn it into a NodeOperationError for the item. Every pattern here runs in linear time
 * and user text is length-capped before a pattern sees it.
 */
export class InputError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {
		super(`${field}: ${problem}`);
		this.name = 'InputError';
	}
}

export function fail(field: string, problem: string): never {
	throw new InputError(field, problem);
}

/** Runs `check`; an InputError becomes a NodeOperationError that names the field. */
export function validated<T>(context: IExecuteSingleFunctions, check: () => T): T {
	try {
		return check();
	} catch (error) {
		if (error instanceof InputError) {
			throw new NodeOperationError(context.getNode(), error.message, {
				itemIndex: context.getItemIndex(),
				description: 'Nothing was sent to Meta. Correct the value and run again.',
			});
		}
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex: context.getItemIndex() });
	}
}

/** Characters as WhatsApp counts them (code points, so an emoji counts once). */
export function charCount(text: string): number {
	let count = 0;
	for (const _ of text) count++;
	return count;
}

/**
 * A parameter that must be text, as text. An expression that resolves to an object or array is
 * refused (String() would send "[object Object]" or "a,b" to the customer).
 */
export function asText(field: string, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'object') {
		const what = Array.isArray(value) ? 'a list' : 'an object';
		fail(field, `must be text, but its expression gave ${what} (${preview(value)}); pick one value, e.g. {{ $json.name }}, or turn it into text with {{ JSON.stringify(...) }}`);
	}
	return String(value);
}

/** A node parameter that must be text (see asText); throws InputError, so call it inside `validated`. */
export function textParameter(context: IExecuteSingleFunctions, name: string, field: string, fallback = ''): string {
	return asText(field, context.getNodeParameter(name, fallback));
}

function preview(value: unknown): string {
	const json = JSON.stringify(value) ?? '';
	return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}

export function requireText(field: string, value: unknown, max: number, options: { min?: number } = {}): string {
	const text = asText(field, value);
	const min = options.min ?? 1;
	if (charCount(text.trim()) < min) fail(field, min === 1 ? 'is required' : `needs at least ${min} characters`);
	const length = charCount(text);
	if (length > max) fail(field, `is ${length} characters long; the limit is ${max}`);
	return text;
}

export function optionalText(field: string, value: unknown, max: number): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return requireText(field, value, max);
}

export function requireCount(field: string, count: number, min: number, max: number): void {
	if (count < min || count > max) {
		fail(field, min === max ? `needs exactly ${min}` : `needs between ${min} and ${max} entries (got ${count})`);
	}
}

export function requireUnique(field: string, values: string[]): void {
	const seen = new Set<string>();
	for (const value of values) {
		if (seen.has(value)) fail(field, `"${value}" appears more than once; each must be unique`);
		seen.add(value);
	}
}

export const MAX_URL_LENGTH = 2000;

export function requireHttpUrl(field: string, value: unknown): string {
	const text = asText(field, value).trim();
	if (!text) fail(field, 'is required');
	if (text.length > MAX_URL_LENGTH) fail(field, `is ${text.length} characters long; a URL may be at most ${MAX_URL_LENGTH}`);
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		fail(field, `"${text}" is not a URL`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(field, 'must start with http:// or https://');
	return text;
}

export function checkMaxLength(field: string, value: unknown, max: number): void {
	if (typeof value === 'string' && charCount(value) > max) fail(field, `at most ${max} characters allowed, got ${charCount(value)}`);
}

export function checkRequired(field: string, value: unknown): void {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) fail(field, 'a value is required');
}

/** `pattern` must run in linear time (no nested or overlapping quantifiers). */
export function checkPattern(field: string, value: string, pattern: RegExp, explanation: string): void {
	if (!pattern.test(value)) fail(field, explanation);
}

/** Six digits, as Meta wants for two-step verification PINs and verification codes. */
export function checkSixDigits(field: string, value: unknown): void {
	checkPattern(field, String(value ?? ''), /^[0-9]{6}$/, 'must be exactly 6 digits');
}

/** Graph object IDs are numbers. */
export function checkGraphId(field: string, value: unknown): void {
	checkPattern(field, String(value ?? ''), /^[0-9]{1,25}$/, `must be a numeric ID, got "${String(value ?? '')}"`);
}

// Names and codes written once for the whole node.
export const TEMPLATE_NAME_PATTERN = /^[a-z0-9_]{1,512}$/;
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(_[A-Za-z]{2,4})?$/;

export function checkTemplateName(field: string, name: string): void {
	checkPattern(field, name, TEMPLATE_NAME_PATTERN, `must match ^[a-z0-9_]{1,512}$ (lowercase letters, digits and underscores, up to 512), got "${name}"`);
}

export function checkLanguage(field: string, code: string): void {
	checkPattern(field, code, LANGUAGE_PATTERN, `must be a language code such as en_US or pt_BR, got "${code}"`);
}

/** RFC 5321's limit for a whole address. */
export const MAX_EMAIL_LENGTH = 254;

/**
 * An e-mail address: one "@", no spaces, a dot inside the domain. Checked by hand in one pass
 * (the old regular expression backtracked quadratically on long input) and capped in length.
 */
export function checkEmail(field: string, value: unknown, max = MAX_EMAIL_LENGTH): string {
	const email = asText(field, value);
	if (email.length > max) fail(field, `is ${email.length} characters long; an email address may be at most ${max}`);
	const at = email.indexOf('@');
	const domain = email.slice(at + 1);
	const dot = domain.lastIndexOf('.');
	const valid = at > 0 && !domain.includes('@') && !/\s/.test(email) && dot > 0 && dot < domain.length - 1;
	if (!valid) fail(field, `"${email}" is not an email address`);
	return email;
}

/**
 * A date picked in the UI (ISO text, a Date-like value or unix seconds) as unix seconds.
 * Text without a time zone is read as UTC.
 */
export function toUnixSeconds(field: string, value: unknown): number {
	if (typeof value === 'number' && Number.isFinite(value)) return Math.floor(value > 1e12 ? value / 1000 : value);
	const text = String(value ?? '').trim();
	if (!text) fail(field, 'a date is required');
	if (text.length > 64) fail(field, `"${text.slice(0, 20)}…" is not a date`);
	if (/^[0-9]{9,13}$/.test(text)) return toUnixSeconds(field, Number(text));
	const hasZone = /([zZ]|[+-][0-9]{2}:?[0-9]{2})$/.test(text);
	const withZone = !hasZone && /T|\s[0-9]{2}:/.test(text) ? `${text.replace(' ', 'T')}Z` : !hasZone ? `${text}T00:00:00Z` : text;
	const millis = Date.parse(withZone);
	if (Number.isNaN(millis)) fail(field, `"${text}" is not a date`);
	return Math.floor(millis / 1000);
}

export function checkDateRange(startField: string, start: number, endField: string, end: number, maxLookbackDays: number, now = Date.now()): void {
	if (end <= start) fail(endField, `must be after ${startField}`);
	const earliest = Math.floor(now / 1000) - maxLookbackDays * 86_400;
	if (start < earliest) fail(startField, `can be at most ${maxLookbackDays} days in the past`);
}

/** Parses a JSON parameter that may already be an object (n8n's json fields give either). */
export function parseJsonParameter<T = unknown>(field: string, value: unknown): T {
	if (typeof value !== 'string') return value as T;
	let problem: string;
	try {
		return JSON.parse(value) as T;
	} catch (error) {
		problem = (error as Error).message;
	}
	return fail(field, `is not valid JSON (${problem})`);
}
