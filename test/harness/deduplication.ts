/**
 * n8n's database-backed deduplication (packages/cli/src/deduplication/deduplication-helper.ts) with
 * its table in memory: per workflow and scope one record of md5/base64 hashes, `maxEntries` keeping
 * the newest, read then written back with no lock in between (each step awaits, like a database
 * round trip), and a second insert of the same record failing like the primary key does.
 */
import { createHash } from 'node:crypto';

import type { DeduplicationItemTypes, DeduplicationScope, ICheckProcessedContextData, ICheckProcessedOptions, IDataDeduplicator, IDeduplicationOutput } from 'n8n-workflow';

const roundTrip = async () => await new Promise<void>((resolve) => setImmediate(resolve));

export class InMemoryDeduplicator implements IDataDeduplicator {
	/** The `processed_data` table: `${workflowId}|${context}` → hashes, oldest first. */
	readonly table = new Map<string, string[]>();

	private key(scope: DeduplicationScope, contextData: ICheckProcessedContextData): string {
		const context = scope === 'node' ? `n:${contextData.node!.id}` : '';
		return `${contextData.workflow.id}|${context}`;
	}

	async checkProcessedAndRecord(items: DeduplicationItemTypes[], scope: DeduplicationScope, contextData: ICheckProcessedContextData, options: ICheckProcessedOptions): Promise<IDeduplicationOutput> {
		if (options.mode !== 'entries') throw new Error('only mode "entries" is modelled');
		const key = this.key(scope, contextData);
		const hashes = items.map((item) => createHash('md5').update(String(item)).digest('base64'));
		await roundTrip();
		const stored = this.table.get(key);
		if (!stored) {
			await roundTrip();
			if (this.table.has(key)) throw new Error('duplicate key value violates unique constraint "PK_processed_data"');
			this.table.set(key, options.maxEntries ? hashes.slice(-options.maxEntries) : hashes);
			return { new: items, processed: [] };
		}
		const known = new Set(stored);
		const data = [...stored];
		const result: IDeduplicationOutput = { new: [], processed: [] };
		hashes.forEach((hash, index) => {
			if (known.has(hash)) {
				result.processed.push(items[index]);
			} else {
				result.new.push(items[index]);
				data.push(hash);
			}
		});
		if (options.maxEntries) data.splice(0, data.length - options.maxEntries);
		await roundTrip();
		this.table.set(key, data);
		return result;
	}

	async removeProcessed(): Promise<void> {}

	async clearAllProcessedItems(scope: DeduplicationScope, contextData: ICheckProcessedContextData): Promise<void> {
		this.table.delete(this.key(scope, contextData));
	}

	async getProcessedDataCount(scope: DeduplicationScope, contextData: ICheckProcessedContextData): Promise<number> {
		return this.table.get(this.key(scope, contextData))?.length ?? 0;
	}
}

/** The deduplicator every in-process execution uses (n8n's processes each set one up at start). */
export const deduplicator = new InMemoryDeduplicator();
