import {
	NodeApiError,
	NodeOperationError,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

// n8n's routing runs an operation's preSend hooks before it hands the request to the transport,
// and turns a hook's error into an output item that names no input item ("On Error: Continue").
// Wrapped hooks keep the error on the request instead; the transport raises it where it pairs
// every output item, errors included, with the item it came from.

type PreSend = (this: IExecuteSingleFunctions, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
const DEFERRED = Symbol('error of a preSend hook');
type CarryingError = IHttpRequestOptions & { [DEFERRED]?: unknown };

const wrapped = new WeakSet<PreSend>();

function deferring(hook: PreSend): PreSend {
	if (wrapped.has(hook)) return hook;
	const wrapper = async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		if ((options as CarryingError)[DEFERRED] !== undefined) return options;
		try {
			return await hook.call(this, options);
		} catch (error) {
			return Object.assign(options, { [DEFERRED]: error ?? new Error('preSend failed') });
		}
	};
	wrapped.add(wrapper);
	return wrapper;
}

function wrapHooks(value: unknown): void {
	if (Array.isArray(value)) {
		value.forEach(wrapHooks);
		return;
	}
	if (!value || typeof value !== 'object') return;
	const send = (value as { routing?: { send?: { preSend?: PreSend[] } } }).routing?.send;
	if (send?.preSend) send.preSend = send.preSend.map(deferring);
	for (const key of ['options', 'values']) wrapHooks((value as Record<string, unknown>)[key]);
}

/** Wraps every preSend hook of these node properties (once, when the node is described). */
export function deferPreSendErrors(properties: INodeProperties[]): INodeProperties[] {
	wrapHooks(properties);
	return properties;
}

/** The error a wrapped preSend hook kept on this request, if any. */
export function deferredError(options: object): unknown {
	return (options as CarryingError)[DEFERRED];
}

/** An "On Error: Continue" item for a failed input item, paired with it. */
export function errorItem(context: IExecuteSingleFunctions, error: unknown, itemIndex: number): INodeExecutionData {
	const failure =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(context.getNode(), error instanceof Error ? error : String(error), { itemIndex });
	return {
		json: { error: failure.message, description: failure.description ?? null },
		error: failure,
		pairedItem: { item: itemIndex },
	};
}
