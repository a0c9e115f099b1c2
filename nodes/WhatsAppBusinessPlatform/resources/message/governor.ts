import { sleep } from 'n8n-workflow';

const ARRIVAL_JITTER_MARGIN_MS = 15;

/**
 * Releases callers one at a time, evenly spaced (at most `ratePerSecond` per second), and never
 * more than `ratePerSecond` in any one-second window of *actual* release times: after the event
 * loop was held up, waiting callers go one by one again instead of all at once. One pacer per
 * sending phone number, because Meta counts its throughput limit (130429) per number.
 * Memory: `rate` timestamps plus the waiting callers (at most the concurrency).
 */
export class Pacer {
	private readonly intervalMs: number;
	private readonly recent: number[];
	private slot = 0;
	private nextAt = Number.NEGATIVE_INFINITY;
	private readonly waiters: Array<() => void> = [];
	private running = false;

	constructor(
		ratePerSecond: number,
		private readonly now: () => number = Date.now,
	) {
		const rate = Math.max(1, Math.floor(ratePerSecond));
		this.intervalMs = 1000 / rate;
		this.recent = new Array<number>(rate).fill(Number.NEGATIVE_INFINITY);
	}

	/** Resolves at this caller's turn. */
	async take(): Promise<void> {
		await new Promise<void>((resolve) => {
			this.waiters.push(resolve);
			if (!this.running) void this.release();
		});
	}

	/**
	 * An attempt was turned away for throughput (130429): Meta did not count it, so its place is
	 * given back — the next caller may go one interval sooner and the window holds one more.
	 */
	refund(): void {
		this.nextAt -= this.intervalMs;
		this.recent[this.slot] = Number.NEGATIVE_INFINITY;
		if (this.waiters.length && !this.running) void this.release();
	}

	private async release(): Promise<void> {
		this.running = true;
		try {
			while (this.waiters.length) {
				const now = this.now();
				// The release `rate` places back must be more than a second old, plus a margin: requests
				// reach Meta a few milliseconds apart from when they were released, and Meta's window
				// counts arrivals.
				const at = Math.max(this.nextAt, this.recent[this.slot] + 1000 + ARRIVAL_JITTER_MARGIN_MS);
				if (at - now >= 1) {
					await sleep(at - now);
					continue;
				}
				this.recent[this.slot] = now;
				this.slot = (this.slot + 1) % this.recent.length;
				// Keep the schedule through timer jitter (late by less than a slot); after a longer hold-up,
				// restart it from now rather than releasing the backlog in a burst.
				this.nextAt = Math.max(this.nextAt, now - this.intervalMs) + this.intervalMs;
				this.waiters.shift()!();
			}
		} finally {
			this.running = false;
		}
	}
}

export interface GovernorOptions {
	/** How many tasks may run at the same time. */
	concurrency: number;
	/** Tasks with the same key run one after the other, in input order (one chat stays in order). */
	keyOf: (index: number) => string | undefined;
	/** Checked before each start: once true, nothing new starts (running tasks finish). */
	stopped: () => boolean;
}

/**
 * Runs `run(i)` for i in [0, count) with bounded concurrency. Tasks for a busy key are parked and
 * run by the worker that holds the key once it is free, so a recipient that must wait (pair
 * rate limit, 4^X seconds) holds up only its own messages, never the other recipients'.
 * State is a cursor plus the parked indexes: no per-item promises or closures up front.
 */
export async function runGoverned(count: number, run: (index: number) => Promise<void>, options: GovernorOptions): Promise<void> {
	let cursor = 0;
	const busy = new Map<string, number[]>();

	const pickFromQueue = (): number | undefined => {
		while (cursor < count) {
			const index = cursor++;
			const key = options.keyOf(index);
			if (key === undefined) return index;
			const parked = busy.get(key);
			if (parked) {
				parked.push(index);
				continue;
			}
			busy.set(key, []);
			return index;
		}
		return undefined;
	};

	const worker = async () => {
		for (;;) {
			if (options.stopped()) return;
			let index = pickFromQueue();
			if (index === undefined) return;
			// Run this task, then every task parked behind its key, in order.
			for (;;) {
				await run(index);
				const key = options.keyOf(index);
				if (key === undefined) break;
				const parked = busy.get(key);
				const next = parked?.shift();
				if (next === undefined || options.stopped()) {
					busy.delete(key);
					break;
				}
				index = next;
			}
		}
	};

	const workers: Array<Promise<void>> = [];
	for (let i = 0; i < Math.max(1, Math.min(options.concurrency, count)); i++) workers.push(worker());
	await Promise.all(workers);
}

/**
 * Lets the event loop breathe during long synchronous preparation: call `tick()` after each unit
 * of work; every `sliceMs` of work it yields once (timers, health checks and sockets run).
 */
export function makeYielder(sliceMs = 10, now: () => number = Date.now) {
	let sliceStart = now();
	return async function tick(): Promise<void> {
		if (now() - sliceStart < sliceMs) return;
		await sleep(0);
		sliceStart = now();
	};
}

/** "0–4, 7, 9–12" from sorted indexes, to name items in an error without a 10,000-line list. */
export function describeRanges(indexes: number[]): string {
	const parts: string[] = [];
	let start: number | undefined;
	let previous: number | undefined;
	for (const index of [...indexes, Number.NaN]) {
		if (start !== undefined && previous !== undefined && index === previous + 1) {
			previous = index;
			continue;
		}
		if (start !== undefined && previous !== undefined) parts.push(start === previous ? `${start}` : `${start}–${previous}`);
		start = index;
		previous = index;
	}
	return parts.join(', ');
}
