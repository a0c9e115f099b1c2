import { NodeApiError } from 'n8n-workflow';

import type { ResourceHints } from './errorHints';

/** The Graph error code behind a NodeApiError made by the transport. */
export function graphCodeOf(error: unknown): number | undefined {
	const code = (error as { errorResponse?: { code?: unknown } }).errorResponse?.code;
	return typeof code === 'number' ? code : undefined;
}

/**
 * Runs a Graph call and, when Meta refuses it with one of the given codes, says what that refusal
 * means for this feature (e.g. code 10 on a groups call: the number is not eligible for groups),
 * keeping Meta's own words and identifiers below.
 */
export async function explainRefusals<T>(call: () => Promise<T>, hints: ResourceHints): Promise<T> {
	let failure: unknown;
	try {
		return await call();
	} catch (error) {
		failure = error;
	}
	const code = graphCodeOf(failure);
	const hint = code !== undefined ? hints[code] : undefined;
	if (failure instanceof NodeApiError && hint) {
		failure.message = `${hint.title} [code ${code}]`;
		failure.description = [`What to do: ${hint.action}`, ...(failure.description ?? '').split('\n').filter((line) => !line.startsWith('What to do:'))].join('\n');
	}
	throw failure as Error;
}
