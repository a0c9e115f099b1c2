import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { InputError } from '../../shared/validation';
import { graphErrorOf } from '../../shared/retryPolicy';
import { graphCredentials, graphRequest, NotSentError, retryBudgetOf } from '../../shared/transport';
import { uploadFromItem } from '../media/custom';
import { describeRanges, makeYielder, runGoverned } from './governor';
import { Outcome, SendLedger } from './pacing/ledger';
import { MAX_RATE } from './pacing/pacer';
import { leasePacer, type PacerLease } from './pacing/registry';
import { prepareRequest, type PreparedRequest } from './read';

/*
 * Why custom operations: n8n's declarative routing prepares every item's request in one
 * synchronous loop and then fires them all at once. For thousands of items that blocks n8n for
 * seconds, overshoots Meta's throughput limit and, when the run fails, loses the IDs of the
 * messages already accepted. Here every item is checked first (yielding to the event loop), then
 * sends stream through a pacer at "Messages per Second" with bounded concurrency.
 */

interface Failure {
	itemIndex: number;
	error: Error & { description?: string | null; httpCode?: string | null; context?: IDataObject };
}

/** Could the request have been carried out although it failed? (It left, and no clear answer came back.) */
function maybeSent(error: Failure['error']): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const kind = error.context?.failureKind;
	if (kind !== undefined) return kind === 'transient';
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
	const ledger = new SendLedger(items.length);
	const cancelSignal = this.getExecutionCancelSignal?.();
	const tick = makeYielder(10);

	// 1. Check and build every item before the first request.
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		if (cancelSignal?.aborted) {
			ledger.recordStop(this, 'checking');
			return [[]];
		}
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

	// 2. Stream: one shared pacer per sending number, in-flight sized from pace × latency, one chat in order.
	const rate = Math.min(MAX_RATE, Math.max(1, Number(this.getNodeParameter('messagesPerSecond', 0, 80)) || 80));
	const budget = retryBudgetOf(this, 0);
	const credentials = await graphCredentials.call(this);
	const { baseUrl } = credentials;
	const leases = new Map<string, PacerLease>();
	for (const request of prepared) {
		if (request && !leases.has(request.phoneNumberId)) leases.set(request.phoneNumberId, leasePacer(`${baseUrl ?? ''}|${request.phoneNumberId}`, rate));
	}
	let failure: Failure | undefined;
	const stopAll = () => {
		for (const lease of leases.values()) lease.stop();
	};
	const onStop = () => {
		stopAll();
		ledger.recordStop(this, 'sending');
	};
	// A Stop while the credentials were read (after the check above) still gets its record.
	if (cancelSignal?.aborted) onStop();
	else cancelSignal?.addEventListener('abort', onStop, { once: true });
	const stopped = () => failure !== undefined || cancelSignal?.aborted === true;
	const keys: Array<string | undefined> = prepared.map((request) => request?.key);

	try {
		await runGoverned(
			items.length,
			async (itemIndex) => {
				const request = prepared[itemIndex];
				prepared[itemIndex] = undefined;
				if (!request || stopped()) return;
				const lease = leases.get(request.phoneNumberId)!;
				let attemptStartedAt = 0;
				try {
					for (const upload of request.uploads) {
						const { id } = await uploadFromItem(this, itemIndex, request.phoneNumberId, upload.binaryPropertyName, upload.kind);
						upload.target.id = id;
					}
					const response = (await graphRequest.call(this, {
						method: 'POST',
						url: `/${request.phoneNumberId}/${request.edge ?? 'messages'}`,
						body: request.body,
						// A message may only go again on answers that prove it was not accepted (the
						// transport always retries throttling and refused connections). Marking as read is harmless to repeat.
						safeToRepeat: operation === 'markAsRead',
						itemIndex,
						budget,
						credentials,
						// Paced right before the wire, retries included, so retries count against the rate too;
						// checked after the wait, so nothing leaves once the run stopped or failed.
						beforeAttempt: async () => {
							if (!(await lease.take()) || stopped()) throw new NotSentError();
							ledger.set(itemIndex, Outcome.OnTheWire);
							attemptStartedAt = Date.now();
						},
						onRetry: (rejected) => {
							ledger.set(itemIndex, Outcome.NotSent);
							if (graphErrorOf(rejected.body)?.code === 130429) lease.throttled();
						},
					})) as IDataObject;
					lease.observeLatency(Date.now() - attemptStartedAt);
					const json = operation === 'markAsRead' ? { ...response, message_id: request.body.message_id } : response;
					ledger.set(itemIndex, Outcome.Accepted, operation === 'markAsRead' ? String(request.body.message_id ?? '') : acceptedIdOf(json));
					output[itemIndex] = { json: json as IDataObject, pairedItem: { item: itemIndex } };
				} catch (caught) {
					if (caught instanceof NotSentError) {
						ledger.set(itemIndex, Outcome.NotSent);
						return;
					}
					const error = toItemError(this, caught, itemIndex);
					const uncertain = maybeSent(error) && ledger.get(itemIndex) === Outcome.OnTheWire;
					ledger.set(itemIndex, uncertain ? Outcome.Uncertain : ledger.get(itemIndex) === Outcome.OnTheWire ? Outcome.Refused : Outcome.NotSent);
					if (cancelSignal?.aborted) return;
					if (continueOnFail) {
						output[itemIndex] = { json: errorJson(error, request.body, uncertain ? 'unknown' : 'no'), pairedItem: { item: itemIndex } };
					} else if (!failure) {
						failure = { itemIndex, error };
						stopAll();
					}
				}
			},
			{
				concurrency: () => {
					let target = 1;
					for (const lease of leases.values()) target = Math.max(target, lease.inFlightTarget());
					return target;
				},
				keyOf: (index) => keys[index],
				stopped,
			},
		);
	} finally {
		cancelSignal?.removeEventListener('abort', onStop);
		for (const lease of leases.values()) lease.release();
	}

	if (failure && !cancelSignal?.aborted) throw describeFailure(failure, ledger, operation);
	return [output.filter((item): item is INodeExecutionData => item !== undefined)];
}

/**
 * The run stops at the first failure once sending has started, but never hides what went out:
 * the error counts exactly what was accepted, what may have been, what was refused and what was
 * never sent, and lists every accepted message ID with its item.
 */
function describeFailure(failure: Failure, ledger: SendLedger, operation: string): Error {
	const { error, itemIndex } = failure;
	const { accepted, refused, uncertain, notSent } = ledger.tally(itemIndex);
	const acceptedWord = operation === 'markAsRead' ? 'marked as read' : 'accepted';
	const counts = [
		`${accepted.length} ${accepted.length === 1 ? 'message was' : 'messages were'} ${acceptedWord}`,
		uncertain.length ? `${uncertain.length} may have been (no clear answer; items ${describeRanges(uncertain)})` : undefined,
		refused.length ? `${refused.length} more were refused (items ${describeRanges(refused)})` : undefined,
		`${notSent.length} ${notSent.length === 1 ? 'item was' : 'items were'} not sent${notSent.length ? ` (items ${describeRanges(notSent)})` : ''}`,
	].filter(Boolean);
	const lines = [
		maybeSent(error)
			? `Item ${itemIndex} may or may not have been accepted (no clear answer); it was not sent again to avoid a duplicate.`
			: `Item ${itemIndex} was not accepted.`,
		`Sending stopped at the first failure: no message went out after it. Of the other items, ${counts.join('; ')}.`,
		'To get one output item per input item instead (result or error), set the node\'s "On Error" setting to "Continue".',
	];
	if (accepted.length) lines.push(`${acceptedWord[0].toUpperCase()}${acceptedWord.slice(1)} (item: message ID):\n${accepted.map((index) => `item ${index}: ${ledger.acceptedIds[index] ?? 'done'}`).join('\n')}`);
	error.description = [error.description, lines.join('\n')].filter(Boolean).join('\n\n');
	error.context = {
		...(error.context ?? {}),
		itemIndex,
		acceptedMessages: accepted.length,
		uncertainItems: describeRanges(uncertain),
		refusedItems: describeRanges(refused),
		notSentItems: describeRanges(notSent),
	};
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
