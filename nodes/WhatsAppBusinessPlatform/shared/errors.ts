import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { hintFor } from './errorHints';
import { graphErrorOf, NOT_JSON, type GraphFailure } from './retryPolicy';

const REDACTED = '[redacted]';

/** Replaces every occurrence of the given secrets, in strings nested anywhere in `value`. */
export function redact<T>(value: T, secrets: Array<string | undefined>): T {
	const real = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 4);
	if (real.length === 0) return value;
	const scrub = (input: unknown): unknown => {
		if (typeof input === 'string') {
			return real.reduce((text, secret) => text.split(secret).join(REDACTED), input);
		}
		if (Array.isArray(input)) return input.map(scrub);
		if (input && typeof input === 'object' && !Buffer.isBuffer(input)) {
			return Object.fromEntries(Object.entries(input).map(([key, inner]) => [key, scrub(inner)]));
		}
		return input;
	};
	return scrub(value) as T;
}

function detailsOf(errorData: unknown): string | undefined {
	if (typeof errorData === 'string') return errorData;
	if (errorData && typeof errorData === 'object' && 'details' in errorData) {
		return String((errorData as { details: unknown }).details);
	}
	return undefined;
}

export interface GraphErrorContext {
	itemIndex?: number;
	/** What the node was doing, e.g. "POST /{id}/messages". */
	request?: string;
	/** Extra lines for the description, e.g. ids already accepted before the failure. */
	notes?: string[];
	/** Why retrying stopped, when it did. */
	retryNote?: string;
	secrets: Array<string | undefined>;
}

/**
 * Turns a failed Graph call into an error a workflow builder can act on: what happened,
 * what to do, and Meta's identifiers for support — with the credential's secrets scrubbed.
 */
export function graphFailureToNodeApiError(node: INode, failure: GraphFailure, context: GraphErrorContext): NodeApiError {
	const graphError = graphErrorOf(failure.body);
	const hint = hintFor(graphError?.code, failure.statusCode, graphError?.error_subcode);
	const code = graphError?.code;

	let headline: string;
	if (hint) headline = hint.title;
	else if (graphError?.message) headline = graphError.message;
	else if (failure.networkCode === NOT_JSON) headline = 'The Graph API sent an answer that is not valid JSON';
	else if (failure.statusCode === undefined) headline = `Could not reach the Graph API (${failure.networkCode ?? 'network error'})`;
	else headline = `The Graph API answered with HTTP ${failure.statusCode}`;
	const message = code !== undefined ? `${headline} [code ${code}]` : headline;

	const lines: string[] = [];
	if (graphError?.error_user_msg) lines.push(graphError.error_user_msg);
	if (graphError?.message && graphError.message !== headline) lines.push(`Meta says: ${graphError.message}`);
	const details = detailsOf(graphError?.error_data);
	if (details) lines.push(`Details: ${details}`);
	if (hint) lines.push(`What to do: ${hint.action}`);
	if (failure.statusCode === undefined && !hint) {
		lines.push('What to do: check the Base URL in the credential and that the machine can reach it.');
	}
	if (context.retryNote) lines.push(context.retryNote);
	lines.push(...(context.notes ?? []));
	const ids = [
		code !== undefined ? `code ${code}` : undefined,
		graphError?.error_subcode !== undefined ? `subcode ${graphError.error_subcode}` : undefined,
		graphError?.type ? `type ${graphError.type}` : undefined,
		graphError?.fbtrace_id ? `fbtrace_id ${graphError.fbtrace_id}` : undefined,
		failure.statusCode !== undefined ? `HTTP ${failure.statusCode}` : undefined,
		context.request,
	].filter(Boolean);
	if (ids.length) lines.push(`(${ids.join(', ')})`);

	const errorResponse = redact(
		{
			message,
			code: code ?? null,
			error_subcode: graphError?.error_subcode ?? null,
			fbtrace_id: graphError?.fbtrace_id ?? null,
			details: details ?? null,
			error: graphError ? (graphError as JsonObject) : null,
		},
		context.secrets,
	) as JsonObject;

	return new NodeApiError(node, errorResponse, {
		message: redact(message, context.secrets),
		description: redact(lines.join('\n'), context.secrets),
		httpCode: failure.statusCode !== undefined ? String(failure.statusCode) : undefined,
		itemIndex: context.itemIndex,
	});
}
