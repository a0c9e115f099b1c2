import {
	sleep,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecuteFunctions,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type INodeExecutionData,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE, MAX_PAGE_SIZE } from './constants';
import { graphFailureToNodeApiError } from './errors';
import {
	NOT_JSON,
	classifyFailure,
	DEFAULT_RETRY_BUDGET,
	retryDelayMs,
	shouldRetry,
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
	/** Awaited right before each attempt goes on the wire (first and retries), e.g. a throughput pacer. */
	beforeAttempt?: () => Promise<void>;
}

export interface GraphResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
}

interface GraphCredentials {
	accessToken: string;
	appSecret?: string;
	graphApiVersion?: string;
	baseUrl?: string;
}

export async function graphCredentials(this: GraphContext): Promise<GraphCredentials> {
	return (await this.getCredentials(CREDENTIAL_TYPE)) as unknown as GraphCredentials;
}

export function graphBaseUrl(credentials: Pick<GraphCredentials, 'baseUrl' | 'graphApiVersion'>): string {
	const base = String(credentials.baseUrl || 'https://graph.facebook.com').replace(/\/+$/, '');
	const version = String(credentials.graphApiVersion || 'v23.0').replace(/^\/+|\/+$/g, '');
	return `${base}/${version}`;
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
		response?: { status?: number; headers?: GraphFailure['headers']; data?: unknown };
	};
	const inner = (candidate?.cause ?? candidate) as typeof candidate;
	const response = inner?.response ?? candidate?.response;
	if (response?.status !== undefined) {
		return { statusCode: response.status, headers: response.headers ?? {}, body: parseMaybeJson(response.data) };
	}
	return { headers: {}, networkCode: inner?.code ?? candidate?.code ?? 'UNKNOWN' };
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

/**
 * The one door to the Graph API: base URL and version from the credential, Bearer auth and
 * appsecret_proof (the credential's authenticate), retries within the budget, and Graph errors
 * turned into NodeApiErrors that say what to do, with secrets scrubbed.
 */
export async function graphRequestFull<T = IDataObject>(this: GraphContext, request: GraphRequest): Promise<GraphResponse<T>> {
	const credentials = await graphCredentials.call(this);
	const method = request.method ?? 'GET';
	const safeToRepeat = request.safeToRepeat ?? (method === 'GET' || method === 'DELETE');
	const budget = request.budget ?? retryBudgetOf(this, request.itemIndex ?? 0);
	const isAbsolute = /^https?:\/\//i.test(request.url);
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

	let waitedMs = 0;
	for (let attempt = 0; ; attempt++) {
		let failure: GraphFailure;
		if (request.beforeAttempt) await request.beforeAttempt();
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
				...options,
				headers: { ...(options.headers ?? {}) },
				qs: { ...(options.qs ?? {}) },
			})) as IN8nHttpFullResponse;
			if (response.statusCode < 400) {
				const body = options.json ? parseMaybeJson(response.body) : response.body;
				if (options.json && typeof body === 'string' && body.trim() !== '') {
					throw Object.assign(new Error('The Graph API answered with something that is not JSON'), { code: NOT_JSON });
				}
				return { statusCode: response.statusCode, headers: response.headers as GraphResponse['headers'], body: body as T };
			}
			failure = { statusCode: response.statusCode, headers: response.headers as GraphFailure['headers'], body: parseMaybeJson(response.body) };
		} catch (error) {
			failure = failureFromThrown(error);
		}

		const kind = classifyFailure(failure);
		const secrets = [credentials.accessToken, credentials.appSecret];
		const errorContext = { itemIndex: request.itemIndex, request: describe, secrets };
		if (!shouldRetry(kind, safeToRepeat)) {
			const retryNote =
				kind === 'transient' && !safeToRepeat
					? 'Not retried: this call may already have taken effect, and sending it again could repeat it.'
					: undefined;
			throw graphFailureToNodeApiError(this.getNode(), failure, { ...errorContext, retryNote });
		}
		const waitMs = retryDelayMs(failure, attempt);
		if (attempt >= budget.maxRetries || waitedMs + waitMs > budget.maxWaitMs) {
			const retryNote = `Gave up after ${attempt} ${attempt === 1 ? 'retry' : 'retries'} and ${Math.round(waitedMs / 1000)} s of waiting; the next wait would have been ${Math.round(waitMs / 1000)} s (retry budget: ${budget.maxRetries} retries, ${Math.round(budget.maxWaitMs / 1000)} s).`;
			throw graphFailureToNodeApiError(this.getNode(), failure, { ...errorContext, retryNote });
		}
		request.onRetry?.(failure, waitMs);
		waitedMs += waitMs;
		await sleep(waitMs);
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
 * copy of the query, including the token.
 */
export async function graphRequestAllItems(
	this: GraphContext,
	request: GraphRequest,
	limit = Number.POSITIVE_INFINITY,
): Promise<IDataObject[]> {
	const collected: IDataObject[] = [];
	const qs: IDataObject = { ...(request.qs ?? {}) };
	if (qs.limit === undefined || Number(qs.limit) > MAX_PAGE_SIZE) {
		qs.limit = Math.min(MAX_PAGE_SIZE, Number.isFinite(limit) ? limit : MAX_PAGE_SIZE);
	}
	for (;;) {
		const page = await graphRequest.call<GraphContext, [GraphRequest], Promise<Page>>(this, { ...request, qs: { ...qs } });
		collected.push(...(page.data ?? []));
		const after = page.paging?.cursors?.after;
		if (collected.length >= limit || !page.paging?.next || !after) break;
		qs.after = after;
	}
	return Number.isFinite(limit) ? collected.slice(0, limit) : collected;
}

/**
 * The door for declarative operations. n8n's routing lets one hook own the request loop:
 * `requestOperations.pagination`. Every operation enables it, so the request that routing built
 * from the node's parameters is sent through this transport (retries, cursor pages, errors)
 * instead of straight to the network. List answers (`data` + `paging`) become one item per
 * element, following cursors for "Return All" or up to "Limit"; then the operation's own
 * postReceive functions shape the items.
 */
export async function sendRoutedRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
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
	return items.map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
}
