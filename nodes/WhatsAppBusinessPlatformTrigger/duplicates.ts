/**
 * Meta redelivers a webhook when it did not get a quick 200, for up to 7 days, and sometimes sends
 * the same event twice at once. Two layers drop the copies, because no single mechanism open to a
 * trigger covers every case in n8n 2.x:
 *
 * 1. `RecentEvents`, in webhook(): a bounded window of recent event keys in this process's memory,
 *    checked and recorded without awaiting anything in between, so copies arriving at the same
 *    moment start no execution. It covers regular mode and a queue-mode setup with one webhook
 *    process, until that process restarts.
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
/** Triggers remembered in memory at once (oldest dropped first). */
const MAX_SCOPES = 100;

/** A bounded, insertion-ordered window of recent event keys per trigger (workflow + node). */
export class RecentEvents {
	private readonly scopes = new Map<string, Set<string>>();

	constructor(
		private readonly capacity = DEDUPE_CAPACITY,
		private readonly maxScopes = MAX_SCOPES,
	) {}

	/** Splits items into fresh and already seen, and records the fresh ones. Synchronous on purpose. */
	claim(scope: string, items: IDataObject[]): { fresh: IDataObject[]; duplicates: number } {
		let seen = this.scopes.get(scope);
		if (seen) {
			this.scopes.delete(scope);
		} else {
			seen = new Set();
			if (this.scopes.size >= this.maxScopes) this.scopes.delete(this.scopes.keys().next().value as string);
		}
		this.scopes.set(scope, seen);
		const fresh: IDataObject[] = [];
		let duplicates = 0;
		for (const item of items) {
			const key = eventKeyOf(item);
			if (seen.has(key)) {
				duplicates++;
				continue;
			}
			seen.add(key);
			fresh.push(item);
		}
		while (seen.size > this.capacity) seen.delete(seen.values().next().value as string);
		return { fresh, duplicates };
	}

	clear(): void {
		this.scopes.clear();
	}
}

/** One window per n8n process: the webhook requests of every workflow in it share this module. */
export const recentEvents = new RecentEvents();

/**
 * Keeps the items whose event n8n's deduplication store has not recorded for this node, and records
 * them. When the store is unavailable or fails (for example two processes creating the record at the
 * same moment), every item is kept: a possible duplicate is better than a lost message.
 */
export async function dropProcessed(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<{ kept: INodeExecutionData[]; duplicates: number }> {
	const keys = items.map((item) => eventKeyOf(item.json));
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
