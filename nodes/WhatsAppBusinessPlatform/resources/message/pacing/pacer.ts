import { sleep } from 'n8n-workflow';

/** Meta's highest messaging tier: 1,000 messages per second per number. */
export const MAX_RATE = 1000;
/** Requests reach Meta a few milliseconds after release, and Meta's window counts arrivals. */
const ARRIVAL_JITTER_MARGIN_MS = 15;
/**
 * After a late timer the schedule may catch up by this much at once: on a busy machine timers fire tens of
 * milliseconds late, and without catching up the pace would fall far below the rate. The one-second window
 * below still holds, so what Meta counts never exceeds the rate.
 */
const CATCH_UP_MS = 100;
/** Meta said 130429 (another sender uses the same number): the pace drops to this share... */
const DECREASE_FACTOR = 0.8;
/** ...at most once per this long: the rejections that follow one overshoot are one signal. */
const DECREASE_HOLD_MS = 1000;
/** Then it probes back up by this share of the configured rate per second. */
const INCREASE_SHARE_PER_SECOND = 0.1;
/**
 * Refusals within a second below this share of the pace are retried without slowing down (one refusal always counts):
 * at the top tier a few requests released on time still reach Meta bunched (a late event loop, a slow connect), and
 * slowing 1,000/s by a fifth for each such trickle costs far more than retrying it. Another sender on the number
 * makes far more than 1 % of the sends fail, and that still slows it down. Below 200/s every refusal counts, as before.
 */
const TOLERATED_REFUSAL_SHARE = 0.01;

interface Waiter {
	owner: object;
	go: (granted: boolean) => void;
}

/**
 * Releases callers one at a time, evenly spaced, for one sending phone number (Meta counts its
 * throughput limit, 130429, per number). Never more than the current rate in any one-second
 * window of *actual* release times: after the event loop was held up, waiting callers go one by
 * one again instead of all at once.
 *
 * Adaptive (AIMD): several processes sending from one number cannot see each other, only Meta's
 * answers. On 130429 the pace drops to 80 % (once per second at most; at 200/s and more only once 1 % of a
 * second's sends were refused), then climbs back by 10 % of the configured rate per second while there is work, so
 * the senders converge on the number's cap.
 * No timer runs while nobody waits.
 */
export class Pacer {
	private ceiling: number;
	private rate: number;
	/** Release times, newest at `slot - 1`; sized for the highest tier so the rate can change. */
	private readonly recent = new Array<number>(MAX_RATE).fill(Number.NEGATIVE_INFINITY);
	private slot = 0;
	private nextAt = Number.NEGATIVE_INFINITY;
	private waiters: Array<Waiter | undefined> = [];
	private head = 0;
	private running = false;
	private lastDecreaseAt = Number.NEGATIVE_INFINITY;
	/** 130429 answers since `refusalsSince` (a one-second count that starts at the first of them). */
	private refusals = 0;
	private refusalsSince = Number.NEGATIVE_INFINITY;
	private lastGrowAt = Number.NEGATIVE_INFINITY;
	private latency = 0;

	constructor(
		ratePerSecond: number,
		private readonly now: () => number = Date.now,
	) {
		this.ceiling = clampRate(ratePerSecond);
		this.rate = this.ceiling;
	}

	/** The pace right now (messages per second). */
	get currentRate(): number {
		return this.rate;
	}

	/** Typical time from release to Meta's answer, in milliseconds (0 until measured). */
	get latencyMs(): number {
		return this.latency;
	}

	/** How many are waiting for their turn. */
	get waiting(): number {
		let count = 0;
		for (let index = this.head; index < this.waiters.length; index++) if (this.waiters[index]) count++;
		return count;
	}

	/** The configured rate changed (the lowest among the executions sharing this number). */
	setCeiling(ratePerSecond: number): void {
		this.ceiling = clampRate(ratePerSecond);
		this.rate = Math.min(this.rate, this.ceiling);
	}

	/** Resolves true at this caller's turn, or false when `cancel(owner)` was called first. */
	async take(owner: object = this): Promise<boolean> {
		return await new Promise<boolean>((go) => {
			this.waiters.push({ owner, go });
			if (!this.running) void this.release();
		});
	}

	/** Turns away every caller of `owner` still waiting: they get false at once and use no turn. */
	cancel(owner: object): void {
		for (let index = this.head; index < this.waiters.length; index++) {
			const waiter = this.waiters[index];
			if (waiter?.owner === owner) {
				this.waiters[index] = undefined;
				waiter.go(false);
			}
		}
	}

	/** Meta answered 130429 for this number: someone else is sending from it too; slow down. */
	throttled(): void {
		const now = this.now();
		if (now - this.refusalsSince >= 1000) {
			this.refusals = 0;
			this.refusalsSince = now;
		}
		this.refusals++;
		if (this.refusals < Math.max(1, Math.floor(this.rate * TOLERATED_REFUSAL_SHARE))) return;
		if (now - this.lastDecreaseAt < DECREASE_HOLD_MS) return;
		this.refusals = 0;
		this.refusalsSince = now;
		this.rate = Math.max(1, this.rate * DECREASE_FACTOR);
		this.lastDecreaseAt = now;
		this.lastGrowAt = now;
	}

	/** A request released by this pacer got its answer after `ms`. */
	observeLatency(ms: number): void {
		this.latency = this.latency === 0 ? ms : this.latency * 0.9 + ms * 0.1;
	}

	private grow(now: number): void {
		if (this.rate >= this.ceiling || now - this.lastDecreaseAt < DECREASE_HOLD_MS) {
			this.lastGrowAt = now;
			return;
		}
		const seconds = Math.max(0, now - this.lastGrowAt) / 1000;
		this.rate = Math.min(this.ceiling, this.rate + this.ceiling * INCREASE_SHARE_PER_SECOND * seconds);
		this.lastGrowAt = now;
	}

	private nextWaiter(): Waiter | undefined {
		while (this.head < this.waiters.length && !this.waiters[this.head]) this.head++;
		if (this.head > 1024 && this.head * 2 > this.waiters.length) {
			this.waiters = this.waiters.slice(this.head);
			this.head = 0;
		}
		return this.waiters[this.head];
	}

	private async release(): Promise<void> {
		this.running = true;
		try {
			for (let waiter = this.nextWaiter(); waiter; waiter = this.nextWaiter()) {
				const now = this.now();
				this.grow(now);
				const perWindow = Math.max(1, Math.floor(this.rate));
				const intervalMs = 1000 / this.rate;
				// The release `perWindow` places back must be more than a second (plus margin) old.
				const windowOpensAt = this.recent[(this.slot - perWindow + MAX_RATE) % MAX_RATE] + 1000 + ARRIVAL_JITTER_MARGIN_MS;
				const at = Math.max(this.nextAt, windowOpensAt);
				if (at - now >= 1) {
					await sleep(at - now);
					continue;
				}
				this.recent[this.slot] = now;
				this.slot = (this.slot + 1) % MAX_RATE;
				// Keep the schedule through timer jitter; after a longer hold-up, restart it from now
				// rather than releasing the backlog in a burst.
				const due = Number.isFinite(this.nextAt) ? Math.max(this.nextAt, now - Math.max(intervalMs, CATCH_UP_MS)) : now;
				this.nextAt = due + intervalMs;
				this.waiters[this.head++] = undefined;
				waiter.go(true);
			}
			this.waiters = [];
			this.head = 0;
		} finally {
			this.running = false;
		}
	}
}

function clampRate(ratePerSecond: number): number {
	return Math.min(MAX_RATE, Math.max(1, Math.floor(Number(ratePerSecond) || 1)));
}
