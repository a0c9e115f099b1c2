/**
 * Meta redelivers a webhook when it did not get a quick 200, for up to 7 days, and sometimes sends
 * the same event twice at once. Two layers drop the copies, because no single mechanism open to a
 * trigger covers every case in n8n 2.x:
 *
 * 1. `RecentEvents`, in webhook(): a bounded window of recent event keys in this process's memory,
 *    checked and recorded without awaiting anything in between, so copies arriving at the same
 *    moment start no execution. Once an event's execution has started in the same process (regular
 *    mode), later copies start none either, until the process restarts. In queue mode executions run
 *    on workers, so there the window only catches copies within UNCONFIRMED_MS of each other.
 * 2. `dropProcessed`, in execute() (n8n runs a trigger's execute() on the items its webhook() gave,
 *    in the execution): n8n's database-backed deduplication (`checkProcessedAndRecord`), shared by
 *    every process and kept across restarts. A copy caught here still shows as an execution whose
 *    trigger output is empty. n8n reads and then writes that record without a lock, so copies that
 *    reach two different processes at the same moment can both pass.
 *
 * Workflow static data is not used: n8n 2.41 does not save it after a webhook when the workflow
 * already had some, and concurrent deliveries overwrite each other's changes.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { eventKeyOf } from './events';

/** Event keys remembered per trigger, in memory and in n8n's database. */
export const DEDUPE_CAPACITY = 10_000;
/** Triggers remembered in memory at once (least recently used dropped first). */
const MAX_SCOPES = 100;
/**
 * How long an event whose execution has not been seen to start still counts as seen. If n8n could
 * not start the execution (it then answers Meta with an error), Meta's redelivery after this time
 * is let through instead of being lost; copies within it (arriving together) are dropped.
 */
export const UNCONFIRMED_MS = 10_000;
const CONFIRMED = -1;

/**
 * A bounded window of recent event keys per trigger (workflow + node). A key is claimed when its
 * webhook arrives and confirmed when its execution starts in this process (always so in regular
 * mode; in queue mode executions run on workers, so keys there stay unconfirmed).
 */
export class RecentEvents {
	/** scope → key → when it was claimed, or CONFIRMED. */
	private readonly scopes = new Map<string, Map<string, number>>();

	constructor(
		private readonly capacity = DEDUPE_CAPACITY,
		private readonly maxScopes = MAX_SCOPES,
		private readonly unconfirmedMs = UNCONFIRMED_MS,
		private readonly now: () => number = Date.now,
	) {}

	/** Splits items into fresh and already seen, and claims the fresh ones. Synchronous on purpose. */
	claim(scope: string, items: IDataObject[]): { fresh: IDataObject[]; duplicates: number } {
		const seen = this.scope(scope);
		const now = this.now();
		const fresh: IDataObject[] = [];
		let duplicates = 0;
		for (const item of items) {
			const key = eventKeyOf(item);
			const claimedAt = seen.get(key);
			if (claimedAt !== undefined && (claimedAt === CONFIRMED || now - claimedAt < this.unconfirmedMs)) {
				duplicates++;
				continue;
			}
			seen.delete(key);
			seen.set(key, now);
			fresh.push(item);
		}
		this.trim(seen);
		return { fresh, duplicates };
	}

	/** Marks events whose execution started, so their copies are dropped for as long as they are remembered. */
	confirm(scope: string, keys: string[]): void {
		const seen = this.scope(scope);
		for (const key of keys) {
			seen.delete(key);
			seen.set(key, CONFIRMED);
		}
		this.trim(seen);
	}

	clear(): void {
		this.scopes.clear();
	}

	private scope(name: string): Map<string, number> {
		let seen = this.scopes.get(name);
		if (seen) {
			this.scopes.delete(name);
		} else {
			seen = new Map();
			if (this.scopes.size >= this.maxScopes) this.scopes.delete(this.scopes.keys().next().value as string);
		}
		this.scopes.set(name, seen);
		return seen;
	}

	private trim(seen: Map<string, number>): void {
		while (seen.size > this.capacity) seen.delete(seen.keys().next().value as string);
	}
}

/** One window per n8n process: the webhook requests of every workflow in it share this module. */
export const recentEvents = new RecentEvents();

/** Duplicates are remembered per workflow and trigger node. */
export function dedupeScope(context: { getWorkflow(): { id?: string }; getNode(): { id: string } }): string {
	return `${context.getWorkflow().id ?? 'unsaved'}:${context.getNode().id}`;
}

/**
 * Keeps the items whose event n8n's deduplication store has not recorded for this node, and records
 * them. When the store is unavailable or fails (for example two processes creating the record at the
 * same moment), every item is kept: a possible duplicate is better than a lost message.
 */
export async function dropProcessed(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<{ kept: INodeExecutionData[]; duplicates: number }> {
	const keys = items.map((item) => eventKeyOf(item.json));
	// The execution started: in this process, later copies of these events need no execution at all.
	recentEvents.confirm(dedupeScope(context), keys);
	const paired = (item: INodeExecutionData, index: number): INodeExecutionData => ({ ...item, pairedItem: { item: index } });
	try {
		const result = await context.helpers.checkProcessedAndRecord(keys, 'node', { mode: 'entries', maxEntries: DEDUPE_CAPACITY });
		const fresh = new Set(result.new.map(String));
		const kept = items.map(paired).filter((_, index) => fresh.has(keys[index]));
		return { kept, duplicates: items.length - kept.length };
	} catch (error) {
		context.logger.warn(`Could not check n8n's duplicate record for this trigger, so every event is kept: ${(error as Error).message}`);
		return { kept: items.map(paired), duplicates: 0 };
	}
}
