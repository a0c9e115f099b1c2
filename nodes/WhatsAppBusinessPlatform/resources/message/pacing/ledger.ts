import type { IExecuteFunctions } from 'n8n-workflow';

import { describeRanges } from '../governor';

/** What became of one item's message. */
export const Outcome = {
	/** Never went on the wire (not reached yet, invalid, or held back after Stop or a failure). */
	NotSent: 0,
	/** On the wire, no answer yet. */
	OnTheWire: 1,
	Accepted: 2,
	/** Meta answered and did not carry it out. */
	Refused: 3,
	/** It left, but no clear answer came back: it may have been carried out. */
	Uncertain: 4,
} as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/** n8n keeps at most this many characters of a custom data value. */
const VALUE_LIMIT = 512;

/**
 * Per item, what happened to its message: the source of exact counts in errors and of the record
 * kept when the user presses Stop.
 */
export class SendLedger {
	private readonly outcomes: Uint8Array;
	readonly acceptedIds: Array<string | undefined>;

	constructor(readonly size: number) {
		this.outcomes = new Uint8Array(size);
		this.acceptedIds = new Array<string | undefined>(size);
	}

	set(itemIndex: number, outcome: Outcome, messageId?: string): void {
		this.outcomes[itemIndex] = outcome;
		if (messageId !== undefined) this.acceptedIds[itemIndex] = messageId;
	}

	get(itemIndex: number): Outcome {
		return this.outcomes[itemIndex] as Outcome;
	}

	/** Item indexes per outcome; messages still on the wire count as uncertain. */
	tally(except?: number): Record<'accepted' | 'refused' | 'uncertain' | 'notSent', number[]> {
		const result = { accepted: [] as number[], refused: [] as number[], uncertain: [] as number[], notSent: [] as number[] };
		for (let index = 0; index < this.size; index++) {
			if (index === except) continue;
			const outcome = this.outcomes[index] as Outcome;
			if (outcome === Outcome.Accepted) result.accepted.push(index);
			else if (outcome === Outcome.Refused) result.refused.push(index);
			else if (outcome === Outcome.NotSent) result.notSent.push(index);
			else result.uncertain.push(index);
		}
		return result;
	}

	/**
	 * n8n saves a stopped execution without the node's output, but it keeps the execution's custom
	 * data ("Highlighted data" in the executions view; `customData` in the public API), written at
	 * the moment of Stop. So the record goes there, synchronously inside the abort event: which
	 * items were accepted, which may have been, and which were not sent — what a re-run must skip.
	 * The accepted message IDs go to n8n's log (custom data values hold 512 characters), in a line
	 * that names the execution: in queue mode that log (the worker's) is the one place n8n 2.41
	 * reliably keeps the record — main saves a stopped execution without custom data, and its save
	 * races the worker's (see README, "Stop means stop").
	 */
	recordStop(context: IExecuteFunctions, phase: 'checking' | 'sending'): void {
		const { accepted, refused, uncertain, notSent } = this.tally();
		const prefix = customDataKey(context.getNode().name);
		const summary =
			phase === 'checking'
				? `Stopped while checking the items: nothing was sent (${this.size} items).`
				: `Stopped: ${accepted.length} of ${this.size} accepted by WhatsApp, ${uncertain.length} may have been (sent, no answer before Stop), ${refused.length} refused, ${notSent.length} not sent. Re-run only the not-sent items; check the uncertain ones in the status webhooks first.`;
		const entries: Array<[string, string]> = [[`${prefix}_stopped`, summary]];
		if (phase === 'sending') {
			entries.push([`${prefix}_accepted_items`, rangesWithin(accepted)]);
			if (uncertain.length) entries.push([`${prefix}_uncertain_items`, rangesWithin(uncertain)]);
			if (refused.length) entries.push([`${prefix}_refused_items`, rangesWithin(refused)]);
			entries.push([`${prefix}_not_sent_items`, rangesWithin(notSent)]);
		}
		try {
			const customData = customDataOf(context);
			for (const [key, value] of entries) customData.set(key, value);
		} catch {
			// No execution data to write to (some test contexts): the log below still has it.
		}
		const ids = accepted.map((index) => `item ${index}: ${this.acceptedIds[index] ?? 'done'}`);
		const node = context.getNode().name;
		const executionId = context.getExecutionId();
		context.logger.warn(
			`Execution ${executionId}, node "${node}": ${summary}\nAccepted (item: message ID):\n${ids.join('\n')}\nMay have been sent: ${describeRanges(uncertain) || 'none'}\nNot sent: ${describeRanges(notSent) || 'none'}`,
			{ executionId, node },
		);
	}
}

/** The execution's custom data: `this.customData` on n8n 2.x, `$execution.customData` (as the Code node sets it) on n8n 1.x. */
function customDataOf(context: IExecuteFunctions): { set(key: string, value: string): void } {
	if ((context as Partial<IExecuteFunctions>).customData) return context.customData;
	const { $execution } = context.getWorkflowDataProxy(0) as unknown as { $execution: { customData: { set(key: string, value: string): void } } };
	return $execution.customData;
}

/** Custom data keys may hold letters, digits and underscores, up to 50 characters. */
function customDataKey(nodeName: string): string {
	return (nodeName.replace(/[^\p{L}\p{N}_]+/gu, '_').replace(/^_+|_+$/g, '') || 'WhatsApp').slice(0, 30);
}

/** "0–379, 383" — cut with a count of what is left out when longer than n8n keeps. */
function rangesWithin(indexes: number[]): string {
	if (!indexes.length) return 'none';
	const text = describeRanges(indexes);
	if (text.length <= VALUE_LIMIT) return text;
	const cut = text.slice(0, VALUE_LIMIT - 60);
	const shown = cut.slice(0, cut.lastIndexOf(','));
	return `${shown}, … (${indexes.length} items in all; full list in n8n's log)`;
}
