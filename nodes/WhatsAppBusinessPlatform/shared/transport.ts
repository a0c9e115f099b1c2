import {
	NodeOperationError,
	sleep,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecuteFunctions,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type ICredentialDataDecryptedObject,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type INodeExecutionData,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { appSecretProof } from '../../../credentials/WhatsAppBusinessPlatformApi.credentials';
import { withSlot } from './concurrency';
import { CREDENTIAL_TYPE, MAX_IN_FLIGHT_PER_NODE, MAX_PAGE_SIZE } from './constants';
import { credentialTargetAdvice, credentialTargetProblem, META_MEDIA_HOSTS } from './credentialHosts';
import { graphFailureToNodeApiError } from './errors';
import { DEFAULT_GRAPH_VERSION, graphVersionProblem } from './graphVersions';
import { deferredError, errorItem } from './pairing';
import {
	graphErrorOf,
	NOT_JSON,
	classifyFailure,
	DEFAULT_RETRY_BUDGET,
	headerOf,
	retryDelayMs,
	shouldRetry,
	type FailureKind,
	type GraphFailure,
	type RetryBudget,
} from './retryPolicy';

export type GraphContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

export interface GraphRequest {
	method?: IHttpRequestMethods;
	/** Path under the version, e.g. `/123/messages`; or a full URL (media downloads). */
	url: string;
	qs?: IDataObject;
	body?: IHttpRequestOptions['body'];
	headers?: IDataObject;
	encoding?: IHttpRequestOptions['encoding'];
	json?: boolean;
	/**
	 * May this call be sent again when its outcome is unknown (connection reset, 5xx)?
	 * Defaults to true for GET and DELETE. Rejections for rate reasons are always retried.
	 */
	safeToRepeat?: boolean;
	itemIndex?: number;
	budget?: RetryBudget;
	/** Called before each retry, e.g. to count retries in a benchmark. */
	onRetry?: (failure: GraphFailure, waitMs: number) => void;
	/**
	 * Awaited right before each attempt goes on the wire (first and retries), e.g. a throughput
	 * pacer; it may throw NotSentError to keep the attempt off the wire.
	 */
	beforeAttempt?: () => Promise<void>;
	/**
	 * Authenticate as the app (`{app-id}|{app-secret}`) instead of with the credential's token:
	 * `/{app-id}/subscriptions` accepts only an app access token.
	 */
	appAccessToken?: string;
	/** A public file (e.g. a QR code image on Meta's CDN): fetched without the credential, so no token leaves for it. */
	anonymous?: boolean;
	/** Graph error codes whose error body is the answer, e.g. 139100 from block_users with its per-user results. */
	answerErrorCodes?: number[];
	/**
	 * The credential as read once for a whole run: each read is a database query in n8n, and thousands of messages
	 * reading it per request exhausted a queue-mode worker's Postgres pool (2 connections), so sends failed.
	 */
	credentials?: GraphCredentials;
}

/** The request did not leave: the execution was stopped, or `beforeAttempt` refused to let it go. */
export class NotSentError extends Error {
	constructor(message = 'Not sent: the execution was stopped before this request went out.') {
		super(message);
		this.name = 'NotSentError';
	}
}

/**
 * Tags the error with how the call failed, so callers can tell "never carried out" (throttled,
 * permanent, connection refused) from "outcome unknown" (transient).
 */
function withKind<E extends Error & { context?: IDataObject }>(error: E, kind: FailureKind): E {
	error.context = { ...(error.context ?? {}), failureKind: kind };
	return error;
}

/** n8n's Stop signal for this execution, where the context has one. */
function cancelSignalOf(context: GraphContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}

/** Waits `ms`, but ends at once when `signal` aborts (a Stop ends retry waits too); leaves no long timer behind. */
async function waitUnlessStopped(ms: number, signal: AbortSignal | undefined): Promise<void> {
	if (!signal) return await sleep(ms);
	let onAbort: () => void = () => {};
	const stopped = new Promise<void>((resolve) => (onAbort = resolve));
	signal.addEventListener('abort', onAbort, { once: true });
	try {
		for (let left = ms; left > 0 && !signal.aborted; left -= 250) await Promise.race([sleep(Math.min(250, left)), stopped]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

export interface GraphResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
}

export interface GraphCredentials {
	accessToken: string;
	appSecret?: string;
	graphApiVersion?: string;
	baseUrl?: string;
}

/**
 * The credential, read once per n8n context object (a node run, an item's request, a webhook call): in n8n every
 * getCredentials() is a database query and a decrypt, and one run may call the Graph API many times (uploads, lookups).
 */
const credentialsByContext = new WeakMap<object, Promise<GraphCredentials>>();

export async function graphCredentials(this: GraphContext): Promise<GraphCredentials> {
	let pending = credentialsByContext.get(this);
	if (!pending) {
		pending = this.getCredentials(CREDENTIAL_TYPE) as unknown as Promise<GraphCredentials>;
		credentialsByContext.set(this, pending);
		// A failed read is not kept: the next call asks n8n again.
		pending.catch(() => credentialsByContext.delete(this));
	}
	return await pending;
}

function hostUrl(credentials: Pick<GraphCredentials, 'baseUrl'>): string {
	return String(credentials.baseUrl || 'https://graph.facebook.com').replace(/\/+$/, '');
}

export function graphBaseUrl(credentials: Pick<GraphCredentials, 'baseUrl' | 'graphApiVersion'>): string {
	const base = hostUrl(credentials);
	return `${base}/${graphVersionOf(credentials)}`;
}

export function graphVersionOf(credentials: Pick<GraphCredentials, 'graphApiVersion'>): string {
	return String(credentials.graphApiVersion || DEFAULT_GRAPH_VERSION).trim().replace(/^\/+|\/+$/g, '');
}

/** Version checks of the last minute: the answer changes only on the day a version expires. */
const versionChecks = new Map<string, { problem: string | undefined; until: number }>();

function versionProblemOf(version: string): string | undefined {
	const now = Date.now();
	let check = versionChecks.get(version);
	if (!check || check.until <= now) {
		if (versionChecks.size > 16) versionChecks.clear();
		versionChecks.set(version, (check = { problem: graphVersionProblem(version), until: now + 60_000 }));
	}
	return check.problem;
}

/** Reads the user's retry budget from the node, where the node has one. */
export function retryBudgetOf(context: GraphContext, itemIndex = 0): RetryBudget {
	let configured: IDataObject = {};
	try {
		configured = ((context as IExecuteFunctions).getNodeParameter('rateLimitHandling', itemIndex, {}) ?? {}) as IDataObject;
	} catch {
		// loadOptions and webhook contexts have no such parameter: keep the defaults.
	}
	return {
		maxRetries: Number(configured.maxRetries ?? DEFAULT_RETRY_BUDGET.maxRetries),
		maxWaitMs: Number(configured.maxWaitSeconds ?? DEFAULT_RETRY_BUDGET.maxWaitMs / 1000) * 1000,
	};
}

function failureFromThrown(error: unknown): GraphFailure {
	const candidate = error as {
		cause?: unknown;
		code?: string;
		httpCode?: string | null;
		response?: { status?: number; headers?: GraphFailure['headers']; data?: unknown };
	};
	const inner = (candidate?.cause ?? candidate) as typeof candidate;
	const response = inner?.response ?? candidate?.response;
	if (response?.status !== undefined) {
		return { statusCode: response.status, headers: response.headers ?? {}, body: parseMaybeJson(response.data) };
	}
	// n8n-core 1.12x's NodeApiError drops the cause and keeps the socket's code as its httpCode.
	const socketCode = /^E[A-Z_]+$/.test(candidate?.httpCode ?? '') ? candidate.httpCode : undefined;
	return { headers: {}, networkCode: inner?.code ?? candidate?.code ?? socketCode ?? 'UNKNOWN' };
}

function parseMaybeJson(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/** The credential's secrets, as they could appear in an answer: token, app secret and appsecret_proof. */
export function credentialSecrets(credentials: GraphCredentials): string[] {
	const secrets = [credentials.accessToken, credentials.appSecret].filter((secret): secret is string => !!secret);
	if (credentials.accessToken && credentials.appSecret) secrets.push(appSecretProof(credentials.accessToken, credentials.appSecret));
	return secrets;
}

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function originOf(address: string): string {
	try {
		return new URL(address).origin;
	} catch {
		return address;
	}
}

function refusal(context: GraphContext, message: string, description: string, itemIndex?: number): NodeOperationError {
	const rules = `The node sends its access token and appsecret_proof only to the Base URL's host and to Meta's media host (${META_MEDIA_HOSTS.join(', ')}), only over https (plain http only to a loopback Base URL such as the emulator), and never across a redirect to another host.`;
	return new NodeOperationError(context.getNode(), message, { itemIndex, description: `${description}\n${rules}` });
}

/**
 * Sends one attempt with the credential, checking every address it goes to first. Redirects are
 * followed here, not by the HTTP client, so the credential never crosses to another host.
 */
async function sendWithCredential(
	context: GraphContext,
	options: IHttpRequestOptions,
	baseUrl: string,
	itemIndex: number | undefined,
	credentials: GraphCredentials,
	appAccessToken?: string,
): Promise<IN8nHttpFullResponse> {
	// Authenticate with the credential already read, rather than have n8n read it again (a database query) per request.
	const selected = context.getNode().credentials?.[CREDENTIAL_TYPE];
	const data = { ...credentials } as unknown as ICredentialDataDecryptedObject;
	const credentialsDecrypted = { id: selected?.id ?? '', name: selected?.name ?? '', type: CREDENTIAL_TYPE, data };
	let current = options;
	for (let hop = 0; ; hop++) {
		const problem = credentialTargetProblem(baseUrl, current.url);
		if (problem) {
			throw refusal(context, `Refused to send the credential to ${originOf(current.url)}`, `Why: ${problem}.\nWhat to do: ${credentialTargetAdvice(problem)}`, itemIndex);
		}
		const attempt = { ...current, headers: { ...(current.headers ?? {}) }, qs: { ...(current.qs ?? {}) }, disableFollowRedirect: true };
		const response = (
			appAccessToken
				? await context.helpers.httpRequest({ ...attempt, headers: { ...attempt.headers, Authorization: `Bearer ${appAccessToken}` } })
				: await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, attempt, { credentialsDecrypted })
		) as IN8nHttpFullResponse;
		const location = headerOf(response.headers, 'location');
		if (!REDIRECT_STATUSES.has(response.statusCode) || !location || (current.method ?? 'GET') !== 'GET') return response;
		const next = new URL(location, current.url);
		if (next.host !== new URL(current.url).host) {
			throw refusal(
				context,
				`Refused to follow a redirect from ${originOf(current.url)} to another host, ${next.host}`,
				'Why: the answer (HTTP ' + response.statusCode + ') sends the call to another host, and the credential does not go along.\nWhat to do: if the Base URL is a proxy, have it answer itself instead of redirecting; otherwise report the redirect to the operator of ' + new URL(current.url).host + '.',
				itemIndex,
			);
		}
		if (hop >= MAX_REDIRECTS) {
			throw refusal(context, `Gave up after ${MAX_REDIRECTS} redirects from ${originOf(options.url)}`, 'What to do: check the Base URL in the credential.', itemIndex);
		}
		current = { ...current, url: next.toString(), qs: {} };
	}
}

/**
 * The one door to the Graph API: base URL and version from the credential, Bearer auth and
 * appsecret_proof (the credential's authenticate), retries within the budget, and Graph errors
 * turned into NodeApiErrors that say what to do, with secrets scrubbed.
 */
export async function graphRequestFull<T = IDataObject>(this: GraphContext, request: GraphRequest): Promise<GraphResponse<T>> {
	const credentials = request.credentials ?? (await graphCredentials.call(this));
	const method = request.method ?? 'GET';
	const safeToRepeat = request.safeToRepeat ?? (method === 'GET' || method === 'DELETE');
	const budget = request.budget ?? retryBudgetOf(this, request.itemIndex ?? 0);
	const isAbsolute = /^https?:\/\//i.test(request.url);
	// An expired or malformed version fails here, before anything is sent, with what to change.
	const versionProblem = isAbsolute ? undefined : versionProblemOf(graphVersionOf(credentials));
	if (versionProblem) throw new NodeOperationError(this.getNode(), versionProblem, { itemIndex: request.itemIndex });
	const options: IHttpRequestOptions = {
		method,
		url: isAbsolute ? request.url : `${graphBaseUrl(credentials)}${request.url.startsWith('/') ? '' : '/'}${request.url}`,
		qs: request.qs,
		body: request.body,
		headers: request.headers,
		encoding: request.encoding,
		json: request.json ?? request.encoding === undefined,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	const describe = `${method} ${request.url.replace(/^https?:\/\/[^/]+/i, '')}`;

	const signal = cancelSignalOf(this);
	let waitedMs = 0;
	for (let attempt = 0; ; attempt++) {
		let failure: GraphFailure;
		let refused: NodeOperationError | undefined;
		if (signal?.aborted) throw new NotSentError();
		if (request.beforeAttempt) await request.beforeAttempt();
		if (signal?.aborted) throw new NotSentError();
		try {
			// A public file (request.anonymous) goes without the credential; everything else through the host checks.
			const response = request.anonymous
				? ((await this.helpers.httpRequest({ ...options, headers: { ...(options.headers ?? {}) }, qs: { ...(options.qs ?? {}) } })) as IN8nHttpFullResponse)
				: await sendWithCredential(this, options, hostUrl(credentials), request.itemIndex, credentials, request.appAccessToken);
			if (response.statusCode < 400) {
				const body = options.json ? parseMaybeJson(response.body) : response.body;
				if (options.json && typeof body === 'string' && body.trim() !== '') {
					throw Object.assign(new Error('The Graph API answered with something that is not JSON'), { code: NOT_JSON });
				}
				return { statusCode: response.statusCode, headers: response.headers as GraphResponse['headers'], body: body as T };
			}
			failure = { statusCode: response.statusCode, headers: response.headers as GraphFailure['headers'], body: parseMaybeJson(response.body) };
		} catch (error) {
			// A refused target (see sendWithCredential) is final: nothing was sent, and nothing will be.
			if (error instanceof NodeOperationError) refused = error;
			failure = failureFromThrown(error);
		}
		if (refused) throw refused;

		const answered = graphErrorOf(failure.body)?.code;
		if (failure.statusCode !== undefined && answered !== undefined && request.answerErrorCodes?.includes(answered)) {
			return { statusCode: failure.statusCode, headers: failure.headers as GraphResponse['headers'], body: failure.body as T };
		}
		const kind = classifyFailure(failure);
		const secrets = [...credentialSecrets(credentials), ...(request.appAccessToken ? [request.appAccessToken] : [])];
		const errorContext = { itemIndex: request.itemIndex, request: describe, secrets };
		if (!shouldRetry(kind, safeToRepeat)) {
			const retryNote =
				kind === 'transient' && !safeToRepeat
					? 'Not retried: this call may already have taken effect, and sending it again could repeat it.'
					: undefined;
			throw withKind(graphFailureToNodeApiError(this.getNode(), failure, { ...errorContext, retryNote }), kind);
		}
		const waitMs = retryDelayMs(failure, attempt);
		if (attempt >= budget.maxRetries || waitedMs + waitMs > budget.maxWaitMs) {
			const retryNote = `Gave up after ${attempt} ${attempt === 1 ? 'retry' : 'retries'} and ${Math.round(waitedMs / 1000)} s of waiting; the next wait would have been ${Math.round(waitMs / 1000)} s (retry budget: ${budget.maxRetries} retries, ${Math.round(budget.maxWaitMs / 1000)} s).`;
			throw withKind(graphFailureToNodeApiError(this.getNode(), failure, { ...errorContext, retryNote }), kind);
		}
		request.onRetry?.(failure, waitMs);
		waitedMs += waitMs;
		await waitUnlessStopped(waitMs, signal);
	}
}

export async function graphRequest<T = IDataObject>(this: GraphContext, request: GraphRequest): Promise<T> {
	return (await graphRequestFull.call<GraphContext, [GraphRequest], Promise<GraphResponse<T>>>(this, request)).body;
}

interface Page {
	data?: IDataObject[];
	paging?: { cursors?: { after?: string }; next?: string };
}

/**
 * Follows `paging.cursors.after` until `limit` elements are collected or the last page
 * (no `next`) is reached. The `next` URL itself is never followed: it would carry Meta's own
 * copy of the query, including the token. Paging also stops when it makes no progress — a
 * cursor seen before, or a page that brings nothing new (empty, or only elements already
 * collected) — since following such a `next` would never end. Each element is listed once.
 */
export async function graphRequestAllItems(
	this: GraphContext,
	request: GraphRequest,
	limit = Number.POSITIVE_INFINITY,
): Promise<IDataObject[]> {
	const collected: IDataObject[] = [];
	const seenIds = new Set<string>();
	const seenPages = new Set<string>();
	const seenCursors = new Set<string>();
	const qs: IDataObject = { ...(request.qs ?? {}) };
	if (qs.limit === undefined || Number(qs.limit) > MAX_PAGE_SIZE) {
		qs.limit = Math.min(MAX_PAGE_SIZE, Number.isFinite(limit) ? limit : MAX_PAGE_SIZE);
	}
	if (qs.after !== undefined) seenCursors.add(String(qs.after));
	for (;;) {
		const page = await graphRequest.call<GraphContext, [GraphRequest], Promise<Page>>(this, { ...request, qs: { ...qs } });
		const data = page.data ?? [];
		const fingerprint = JSON.stringify(data);
		const fresh = seenPages.has(fingerprint) ? [] : data.filter((element) => isNew(element, seenIds));
		seenPages.add(fingerprint);
		collected.push(...fresh);
		const after = page.paging?.cursors?.after;
		if (collected.length >= limit || !page.paging?.next || !after) break;
		if (fresh.length === 0 || seenCursors.has(after)) break;
		seenCursors.add(after);
		qs.after = after;
	}
	return Number.isFinite(limit) ? collected.slice(0, limit) : collected;
}

/** Elements with an id are new once; elements without one always count as new. */
function isNew(element: IDataObject, seenIds: Set<string>): boolean {
	if (element?.id === undefined || element.id === null) return true;
	const id = String(element.id);
	if (seenIds.has(id)) return false;
	seenIds.add(id);
	return true;
}

/**
 * The door for declarative operations. n8n's routing lets one hook own the request loop:
 * `requestOperations.pagination`. Every operation enables it, so the request that routing built
 * from the node's parameters is sent through this transport (retries, cursor pages, errors)
 * instead of straight to the network. Routing starts every item at once; here at most
 * MAX_IN_FLIGHT_PER_NODE of them are on the wire at a time. Every output item, errors included
 * ("On Error: Continue"), is paired with its input item.
 */
export async function sendRoutedRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	let items: INodeExecutionData[];
	try {
		const failedCheck = deferredError(requestData.options);
		if (failedCheck !== undefined) return [errorOrThrow(this, failedCheck, itemIndex)];
		items = await withSlot(`${this.getExecutionId()}|${this.getNode().id ?? this.getNode().name}`, MAX_IN_FLIGHT_PER_NODE, async () =>
			await routedItems.call(this, requestData, itemIndex),
		);
	} catch (error) {
		return [errorOrThrow(this, error, itemIndex)];
	}
	return items.map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
}

/** The item's error as an output item under "On Error: Continue"; otherwise the error ends the run. */
function errorOrThrow(context: IExecutePaginationFunctions, error: unknown, itemIndex: number): INodeExecutionData {
	const item = errorItem(context, error, itemIndex);
	if (!context.continueOnFail()) throw item.error!;
	return item;
}

async function routedItems(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { options } = requestData;
	const request: GraphRequest = {
		method: options.method,
		url: options.url ?? '',
		qs: options.qs,
		body: options.body,
		headers: options.headers,
		itemIndex,
	};
	if (request.body && typeof request.body === 'object' && !Buffer.isBuffer(request.body) && Object.keys(request.body).length === 0) {
		delete request.body;
	}

	let items: INodeExecutionData[];
	let response: GraphResponse<unknown>;
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const isList = (request.method ?? 'GET') === 'GET' && (returnAll || request.qs?.limit !== undefined);
	if (isList) {
		const limit = returnAll ? Number.POSITIVE_INFINITY : Number(request.qs?.limit);
		const elements = await graphRequestAllItems.call(this, request, limit);
		items = elements.map((json) => ({ json }));
		response = { statusCode: 200, headers: {}, body: { data: elements } };
	} else {
		response = await graphRequestFull.call(this, request);
		const body = response.body as IDataObject;
		items = Array.isArray(body?.data) ? (body.data as IDataObject[]).map((json) => ({ json })) : [{ json: body ?? {} }];
	}

	for (const { actions } of requestData.postReceive) {
		for (const action of actions) {
			if (typeof action !== 'function') {
				throw new Error('Operations of this node shape their output with postReceive functions only');
			}
			items = await action.call(this, items, response as IN8nHttpFullResponse);
		}
	}
	return items;
}
