import { Pacer } from './pacer';

/** Guess for the answer time before the first answer is measured. */
const ASSUMED_LATENCY_MS = 250;
/** Upper bound on requests one execution keeps open (sockets and memory), whatever the latency. */
const MAX_IN_FLIGHT = 400;

interface Shared {
	pacer: Pacer;
	leases: Set<PacerLease>;
}

/**
 * One pacer per sending number per process: every execution in this n8n process that sends from
 * the same number (and Graph host) shares its budget. Module state is per process, which is the
 * unit Meta's limit must be shared across; across processes the pacer adapts to Meta's 130429.
 */
const shared = new Map<string, Shared>();

/** An execution's hold on a number's shared pacer; `release()` when done (the last one frees it). */
export class PacerLease {
	private released = false;

	constructor(
		private readonly key: string,
		private readonly entry: Shared,
		readonly ratePerSecond: number,
	) {}

	/** Resolves true at this execution's turn; false once `stop()` was called. */
	async take(): Promise<boolean> {
		if (this.released) return false;
		return await this.entry.pacer.take(this);
	}

	/** Nothing more from this execution: its waiting callers get false at once. */
	stop(): void {
		this.entry.pacer.cancel(this);
	}

	throttled(): void {
		this.entry.pacer.throttled();
	}

	observeLatency(ms: number): void {
		this.entry.pacer.observeLatency(ms);
	}

	/** Requests to keep open so the pace is reached: the pace × the measured answer time, plus headroom. */
	inFlightTarget(): number {
		const { pacer } = this.entry;
		const latency = pacer.latencyMs || ASSUMED_LATENCY_MS;
		return Math.min(MAX_IN_FLIGHT, Math.ceil((pacer.currentRate * latency * 1.5) / 1000) + 2);
	}

	release(): void {
		if (this.released) return;
		this.released = true;
		this.stop();
		this.entry.leases.delete(this);
		if (this.entry.leases.size === 0) {
			if (shared.get(this.key) === this.entry) shared.delete(this.key);
			return;
		}
		this.entry.pacer.setCeiling(lowestRate(this.entry.leases));
	}
}

function lowestRate(leases: Set<PacerLease>): number {
	let lowest = Number.POSITIVE_INFINITY;
	for (const lease of leases) lowest = Math.min(lowest, lease.ratePerSecond);
	return lowest;
}

/**
 * Joins the shared pacer of `key` (Graph host + phone number ID). The number's pace is the lowest
 * "Messages per Second" among the executions sending from it at the time.
 */
export function leasePacer(key: string, ratePerSecond: number): PacerLease {
	let entry = shared.get(key);
	if (!entry) {
		entry = { pacer: new Pacer(ratePerSecond), leases: new Set() };
		shared.set(key, entry);
	}
	const lease = new PacerLease(key, entry, ratePerSecond);
	entry.leases.add(lease);
	entry.pacer.setCeiling(lowestRate(entry.leases));
	return lease;
}

/** How many numbers have a live pacer in this process (0 once every execution is done). */
export function livePacers(): number {
	return shared.size;
}
