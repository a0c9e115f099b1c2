import { sleep } from 'n8n-workflow';

export { Pacer } from './pacing/pacer';

export interface GovernorOptions {
	/** How many tasks may run at the same time; asked again as tasks finish, so it may grow or shrink. */
	concurrency: () => number;
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
 * `run` must not throw.
 */
export async function runGoverned(count: number, run: (index: number) => Promise<void>, options: GovernorOptions): Promise<void> {
	let cursor = 0;
	let active = 0;
	let leaving = 0;
	let thrown: { error: unknown } | undefined;
	const busy = new Map<string, number[]>();
	const limit = () => Math.max(1, Math.min(options.concurrency(), count));

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

	let finish: () => void = () => {};
	const done = new Promise<void>((resolve) => (finish = resolve));

	/** Resolves true when it left because there were more workers than the limit. */
	const worker = async (): Promise<boolean> => {
		for (;;) {
			if (options.stopped()) return false;
			if (active - leaving > limit()) {
				leaving++;
				return true;
			}
			let index = pickFromQueue();
			if (index === undefined) return false;
			// Run this task, then every task parked behind its key, in order.
			for (;;) {
				await run(index);
				spawn();
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

	function spawn(): void {
		while (active - leaving < limit() && cursor < count && !options.stopped()) {
			active++;
			void worker()
				.then(
					(shrunk) => {
						if (shrunk) leaving--;
					},
					(error: unknown) => {
						thrown ??= { error };
					},
				)
				.finally(() => {
					active--;
					if (active === 0) finish();
				});
		}
	}

	spawn();
	if (active > 0) await done;
	if (thrown) throw thrown.error;
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
