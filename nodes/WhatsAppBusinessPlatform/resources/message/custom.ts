import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { InputError } from '../../shared/validation';
import { graphErrorOf } from '../../shared/retryPolicy';
import { graphRequest, retryBudgetOf } from '../../shared/transport';
import { uploadFromItem } from '../media/custom';
import { describeRanges, makeYielder, Pacer, runGoverned } from './governor';
import { prepareRequest, type PreparedRequest } from './read';

/*
 * Why custom operations: n8n's declarative routing prepares every item's request in one
 * synchronous loop and then fires them all at once. For thousands of items that blocks n8n for
 * seconds, overshoots Meta's throughput limit and, when the run fails, loses the IDs of the
 * messages already accepted. Here every item is checked first (yielding to the event loop), then
 * sends stream through a pacer at "Messages per Second" with bounded concurrency.
 */

const MAX_CONCURRENCY = 64;

interface Failure {
	itemIndex: number;
	error: Error & { description?: string | null; httpCode?: string | null; context?: IDataObject };
}

/** Could the request have been carried out although it failed? (No answer, or a server fault.) */
function maybeSent(error: Failure['error']): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const status = Number(error.httpCode ?? 0);
	return !status || status >= 500;
}

function toItemError(context: IExecuteFunctions, error: unknown, itemIndex: number): Failure['error'] {
	if (error instanceof InputError) return new NodeOperationError(context.getNode(), error.message, { itemIndex });
	if (error instanceof Error) return error;
	return new NodeOperationError(context.getNode(), String(error), { itemIndex });
}

function errorJson(error: Failure['error'], body: IDataObject | undefined, sentState: 'no' | 'unknown'): IDataObject {
	const json: IDataObject = { error: error.message, description: error.description ?? null };
	if (error.httpCode) json.httpCode = error.httpCode;
	const code = (error as { context?: IDataObject; errorResponse?: IDataObject }).errorResponse?.code;
	if (code !== undefined && code !== null) json.code = code as number;
	if (body?.to) json.to = body.to as string;
	json.sent = sentState === 'unknown' ? 'unknown: the request may have been carried out; check the status webhooks before sending again' : false;
	return json;
}

function acceptedIdOf(json: IDataObject): string | undefined {
	const messages = json.messages as Array<{ id?: string }> | undefined;
	return messages?.[0]?.id;
}

async function streamOperation(this: IExecuteFunctions, operation: 'send' | 'sendTemplate' | 'markAsRead'): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const output: Array<INodeExecutionData | undefined> = new Array(items.length);
	const prepared: Array<PreparedRequest | undefined> = new Array(items.length);
	const tick = makeYielder(10);

	// 1. Check and build every item before the first request.
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared[itemIndex] = await prepareRequest(this, operation, itemIndex);
		} catch (caught) {
			const error = toItemError(this, caught, itemIndex);
			if (!continueOnFail) {
				if (error.description === undefined || error.description === null) {
					error.description = `Item ${itemIndex} is invalid, so nothing was sent (all items are checked before the first message goes out).`;
				}
				throw error;
			}
			output[itemIndex] = { json: errorJson(error, undefined, 'no'), pairedItem: { item: itemIndex } };
		}
		await tick();
	}

	// 2. Stream: pace per sending number, bounded concurrency, one chat in order.
	const rate = Math.min(1000, Math.max(1, Number(this.getNodeParameter('messagesPerSecond', 0, 80)) || 80));
	const budget = retryBudgetOf(this, 0);
	const pacers = new Map<string, Pacer>();
	const pacerFor = (phoneNumberId: string) => {
		let pacer = pacers.get(phoneNumberId);
		if (!pacer) pacers.set(phoneNumberId, (pacer = new Pacer(rate)));
		return pacer;
	};
	let failure: Failure | undefined;
	const keys: Array<string | undefined> = prepared.map((request) => request?.key);

	await runGoverned(
		items.length,
		async (itemIndex) => {
			const request = prepared[itemIndex];
			prepared[itemIndex] = undefined;
			if (!request) return;
			try {
				for (const upload of request.uploads) {
					const { id } = await uploadFromItem(this, itemIndex, request.phoneNumberId, upload.binaryPropertyName, upload.kind);
					upload.target.id = id;
				}
				if (failure) return;
				const pacer = pacerFor(request.phoneNumberId);
				const response = (await graphRequest.call(this, {
					method: 'POST',
					url: `/${request.phoneNumberId}/messages`,
					body: request.body,
					// A message may only go again on answers that prove it was not accepted (the
					// transport always retries throttling and refused connections). Marking as read is harmless to repeat.
					safeToRepeat: operation === 'markAsRead',
					itemIndex,
					budget,
					// Paced right before the wire, retries included, so retries count against the rate too.
					beforeAttempt: async () => await pacer.take(),
					onRetry: (rejected) => {
						if (graphErrorOf(rejected.body)?.code === 130429) pacer.refund();
					},
				})) as IDataObject;
				const json = operation === 'markAsRead' ? { ...response, message_id: request.body.message_id } : response;
				output[itemIndex] = { json: json as IDataObject, pairedItem: { item: itemIndex } };
			} catch (caught) {
				const error = toItemError(this, caught, itemIndex);
				if (continueOnFail) {
					output[itemIndex] = { json: errorJson(error, request.body, maybeSent(error) ? 'unknown' : 'no'), pairedItem: { item: itemIndex } };
				} else if (!failure) {
					failure = { itemIndex, error };
				}
			}
		},
		{ concurrency: Math.min(rate, MAX_CONCURRENCY), keyOf: (index) => keys[index], stopped: () => failure !== undefined },
	);

	if (failure) throw describeFailure(failure, output, operation);
	return [output.filter((item): item is INodeExecutionData => item !== undefined)];
}

/**
 * The run stops at the first failure once sending has started, but never hides what went out:
 * the error lists every accepted message ID with its item, and the items that were not sent.
 */
function describeFailure(failure: Failure, output: Array<INodeExecutionData | undefined>, operation: string): Error {
	const { error, itemIndex } = failure;
	const accepted: string[] = [];
	const notSent: number[] = [];
	// A plain loop: `output` has holes for items never sent, which forEach would skip.
	for (let index = 0; index < output.length; index++) {
		if (index === itemIndex) continue;
		const item = output[index];
		if (item) {
			const id = operation === 'markAsRead' ? String(item.json.message_id ?? '') : acceptedIdOf(item.json);
			accepted.push(`item ${index}: ${id ?? 'done'}`);
		} else notSent.push(index);
	}
	const lines = [
		maybeSent(error)
			? `Item ${itemIndex} may or may not have been accepted (no clear answer); it was not sent again to avoid a duplicate.`
			: `Item ${itemIndex} was not accepted.`,
		`Sending stopped at the first failure. ${accepted.length} ${operation === 'markAsRead' ? 'messages were marked as read' : 'messages were accepted'} before it; ${notSent.length} items were not sent${notSent.length ? ` (items ${describeRanges(notSent)})` : ''}.`,
		'To get one output item per input item instead (result or error), set the node\'s "On Error" setting to "Continue".',
	];
	if (accepted.length) lines.push(`Accepted (item: message ID):\n${accepted.join('\n')}`);
	error.description = [error.description, lines.join('\n')].filter(Boolean).join('\n\n');
	error.context = { ...(error.context ?? {}), itemIndex, acceptedMessages: accepted.length, notSentItems: describeRanges(notSent) };
	return error;
}

/** Operations of the Message resource that run as custom operations (see the file comments). */
export const messageCustomOperations: Record<string, (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>> = {
	async send(this: IExecuteFunctions) {
		return await streamOperation.call(this, 'send');
	},
	async sendTemplate(this: IExecuteFunctions) {
		return await streamOperation.call(this, 'sendTemplate');
	},
	async markAsRead(this: IExecuteFunctions) {
		return await streamOperation.call(this, 'markAsRead');
	},
};
