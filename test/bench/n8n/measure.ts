/** Measuring helpers for the side-by-side bench: n8n's responsiveness, emulator ground truth, webhook delivery, execution counts. */
import type { GraphEmulator } from '../../emulator/server';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Responsiveness {
	samples: number;
	worstMs: number;
	p99Ms: number;
	failures: number;
	/** Failed polls by HTTP status or network error code. */
	failureKinds: Record<string, number>;
}

/** Polls GET /healthz/readiness every 100 ms (one at a time) until stopped; the worst answer time is n8n's worst stall. */
export function probeReadiness(baseUrl: string): { stop(): Promise<Responsiveness> } {
	const latencies: number[] = [];
	let failures = 0;
	const failureKinds: Record<string, number> = {};
	const fail = (kind: string) => {
		failures++;
		failureKinds[kind] = (failureKinds[kind] ?? 0) + 1;
	};
	let running = true;
	const loop = (async () => {
		while (running) {
			const started = performance.now();
			try {
				const res = await fetch(`${baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(30_000) });
				await res.arrayBuffer();
				if (!res.ok) fail(`HTTP ${res.status}`);
			} catch (error) {
				const cause = (error as { cause?: { code?: string } }).cause;
				fail(cause?.code ?? (error as Error).name);
			}
			const took = performance.now() - started;
			latencies.push(took);
			await sleep(Math.max(0, 100 - took));
		}
	})();
	return {
		async stop() {
			running = false;
			await loop;
			const sorted = [...latencies].sort((a, b) => a - b);
			return {
				samples: sorted.length,
				worstMs: sorted.at(-1) ?? 0,
				p99Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0,
				failures,
				failureKinds,
			};
		},
	};
}

export function resetEmulator(emulator: GraphEmulator): void {
	emulator.limiter.reset();
	emulator.clearRequests();
	emulator.state.acceptedMessages.length = 0;
	emulator.peakInFlight = 0;
}

export interface SendFigures {
	label: string;
	wallSeconds: number;
	messagesPerSecond: number;
	/** Accepted messages per second between the first and the last acceptance (the sending phase alone). */
	sendingRate: number;
	accepted: number;
	unique: number;
	failed: number;
	duplicated: number;
	rejectedAnswers: number;
	throttled: number;
	/** Rejected answers by Graph error code and message (first 80 characters). */
	rejections: Record<string, number>;
	peakInFlight: number;
	errorItems: number;
	executionStatus: string;
	responsiveness: Responsiveness;
}

/** Ground truth from the emulator: a message counts once per recipient+text; extra acceptances are duplicates. */
export function sendFigures(label: string, emulator: GraphEmulator, expected: number, wallSeconds: number, extra: Pick<SendFigures, 'errorItems' | 'executionStatus' | 'responsiveness'>): SendFigures {
	const accepted = emulator.state.acceptedMessages;
	const keys = accepted.map((message) => `${message.to}|${JSON.stringify((message.body as { text?: unknown }).text ?? null)}`);
	const unique = new Set(keys).size;
	const calls = emulator.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/messages'));
	const rejected = calls.filter((request) => request.status !== 200);
	const throttled = rejected.filter((request) => (request.responseBody as { error?: { code?: number } })?.error?.code === 130429).length;
	const rejections: Record<string, number> = {};
	for (const request of rejected) {
		const error = (request.responseBody as { error?: { code?: number; message?: string; error_data?: { details?: string } } })?.error;
		const details = error?.error_data?.details ? `: ${error.error_data.details}` : '';
		const key = `${request.status} #${error?.code ?? '?'} ${`${error?.message ?? ''}${details}`.slice(0, 160)}`;
		rejections[key] = (rejections[key] ?? 0) + 1;
	}
	const times = accepted.map((message) => message.at);
	const span = times.length > 1 ? (Math.max(...times) - Math.min(...times)) / 1000 : 0;
	return {
		label,
		wallSeconds,
		sendingRate: span > 0 ? (accepted.length - 1) / span : 0,
		rejections,
		messagesPerSecond: unique / wallSeconds,
		accepted: accepted.length,
		unique,
		failed: expected - unique,
		duplicated: accepted.length - unique,
		rejectedAnswers: rejected.length,
		throttled,
		peakInFlight: emulator.peakInFlight,
		...extra,
	};
}

export interface DeliveryFigures {
	/** Deliveries made (fewer than prepared when the time budget ran out). */
	sent: number;
	seconds: number;
	statuses: Record<string, number>;
}

/**
 * POSTs prepared deliveries with at most `concurrency` in flight; counts answers by status code (0 = network error).
 * Starts no new delivery after `budgetSeconds`, so a slow n8n cannot stretch the bench past its time budget.
 */
export async function deliver(url: string, deliveries: Array<{ raw: Buffer; signature: string }>, concurrency: number, budgetSeconds = Infinity): Promise<DeliveryFigures> {
	const statuses: Record<string, number> = {};
	let next = 0;
	const started = performance.now();
	const stopAt = started + budgetSeconds * 1000;
	const worker = async () => {
		while (next < deliveries.length && performance.now() < stopAt) {
			const { raw, signature } = deliveries[next++];
			let status = 0;
			try {
				const res = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'user-agent': 'facebookexternalua', 'x-hub-signature-256': signature },
					body: raw,
					signal: AbortSignal.timeout(60_000),
				});
				await res.arrayBuffer();
				status = res.status;
			} catch {
				status = 0;
			}
			statuses[status] = (statuses[status] ?? 0) + 1;
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, deliveries.length) }, worker));
	return { sent: next, seconds: (performance.now() - started) / 1000, statuses };
}

interface N8nApi {
	api(method: string, path: string, body?: unknown): Promise<{ data: Array<{ id: string; status: string }>; nextCursor?: string | null }>;
}

/** Repeats a call while n8n answers with a reset connection or 503 "Database is not ready!" (a swamped n8n), up to ~30 s. */
async function retrying<T>(call: () => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await call();
		} catch (error) {
			const status = (error as { status?: number }).status;
			if ((status !== undefined && status !== 503) || attempt >= 60) throw error;
			await sleep(500);
		}
	}
}

/** Every execution of a workflow, by status (pages through the public API). */
export async function countExecutions(n8n: N8nApi, workflowId: string): Promise<{ total: number; byStatus: Record<string, number> }> {
	const byStatus: Record<string, number> = {};
	let total = 0;
	let cursor: string | null | undefined;
	do {
		const q = new URLSearchParams({ workflowId, limit: '250' });
		if (cursor) q.set('cursor', cursor);
		const page = await retrying(() => n8n.api('GET', `/executions?${q}`));
		for (const execution of page.data) {
			total++;
			byStatus[execution.status] = (byStatus[execution.status] ?? 0) + 1;
		}
		cursor = page.nextCursor;
	} while (cursor);
	return { total, byStatus };
}

/** Waits until no execution is running or new for `quietMs` (or `timeoutMs` passes), then counts. */
export async function settledExecutions(n8n: N8nApi, workflowId: string, { quietMs = 3000, timeoutMs = 180_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last = await countExecutions(n8n, workflowId);
	let stableSince = Date.now();
	while (Date.now() < deadline) {
		await sleep(500);
		const now = await countExecutions(n8n, workflowId);
		const busy = (now.byStatus.running ?? 0) + (now.byStatus.new ?? 0) + (now.byStatus.waiting ?? 0);
		if (now.total !== last.total || busy > 0) stableSince = Date.now();
		last = now;
		if (Date.now() - stableSince >= quietMs) break;
	}
	return last;
}
