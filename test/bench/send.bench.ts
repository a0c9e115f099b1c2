/**
 * `npm run bench`: sends BENCH_MESSAGES (default 2,000) text messages through the node (n8n-core's
 * WorkflowExecute, as n8n runs it) against the emulator with an 80 messages/s cap and 50–150 ms
 * latency, then the same requests as a plain unthrottled fan-out (what n8n's declarative routing
 * does). Prints figures; asserts nothing. Emulator and node share this process, so the event-loop
 * figures include the emulator's own work (spec validation of every request).
 */
import './preferTs';

import { monitorEventLoopDelay } from 'node:perf_hooks';

import axios from 'axios';

import { startEmulator, type GraphEmulator } from '../emulator/server';
import { runNode } from '../harness/runNode';

const N = Number(process.env.BENCH_MESSAGES ?? 2000);
// BENCH_CAP sets both the emulator's throughput cap and the node's "Messages per Second" (default 80, Meta's default).
const CAP = Number(process.env.BENCH_CAP ?? 80);

interface Probe {
	stop(): { worstStallMs: number; p99DelayMs: number; peakRssMb: number; peakHeapMb: number };
}

/** Worst event-loop stall (a 5 ms interval's largest overshoot, and perf_hooks' histogram) and peak memory. */
function probe(): Probe {
	const histogram = monitorEventLoopDelay({ resolution: 10 });
	histogram.enable();
	let last = performance.now();
	let worst = 0;
	let peakRss = 0;
	let peakHeap = 0;
	const timer = setInterval(() => {
		const now = performance.now();
		worst = Math.max(worst, now - last - 5);
		last = now;
		const memory = process.memoryUsage();
		peakRss = Math.max(peakRss, memory.rss);
		peakHeap = Math.max(peakHeap, memory.heapUsed);
	}, 5);
	return {
		stop() {
			clearInterval(timer);
			histogram.disable();
			return {
				worstStallMs: Math.max(worst, histogram.max / 1e6 - 10),
				p99DelayMs: histogram.percentile(99) / 1e6,
				peakRssMb: peakRss / 1024 / 1024,
				peakHeapMb: peakHeap / 1024 / 1024,
			};
		},
	};
}

function reset(emulator: GraphEmulator) {
	emulator.limiter.reset();
	emulator.clearRequests();
	emulator.state.acceptedMessages.length = 0;
	emulator.peakInFlight = 0;
}

const recipient = (index: number) => `1555${String(1_000_000 + index).padStart(7, '0')}`;

function report(label: string, emulator: GraphEmulator, seconds: number, failed: number, figures: ReturnType<Probe['stop']>) {
	const accepted = emulator.state.acceptedMessages;
	const messageCalls = emulator.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/messages'));
	const rejected = messageCalls.filter((request) => request.status !== 200);
	const throttled = rejected.filter((request) => (request.responseBody as { error?: { code?: number } })?.error?.code === 130429).length;
	const duplicates = accepted.length - new Set(accepted.map((message) => message.to)).size;
	const first = Math.min(...accepted.map((message) => message.at));
	const lastAt = Math.max(...accepted.map((message) => message.at));
	const sendingRate = accepted.length > 1 ? (accepted.length - 1) / ((lastAt - first) / 1000) : 0;
	const rate = accepted.length / seconds;
	console.log(`${label}`);
	console.log(`  achieved: ${rate.toFixed(1)} msg/s over the whole run (${(rate / CAP * 100).toFixed(1)}% of the ${CAP}/s cap); ${sendingRate.toFixed(1)} msg/s first-to-last accepted (${(sendingRate / CAP * 100).toFixed(1)}%)`);
	console.log(`  accepted ${accepted.length}/${N}, failed ${failed}, rejected answers ${rejected.length} (130429: ${throttled}), retries ${label.startsWith('node') ? rejected.length : 0}, duplicates ${duplicates}`);
	console.log(`  wall ${seconds.toFixed(1)} s, peak in-flight ${emulator.peakInFlight}, worst event-loop stall ${figures.worstStallMs.toFixed(0)} ms (p99 delay ${figures.p99DelayMs.toFixed(1)} ms), peak RSS ${figures.peakRssMb.toFixed(0)} MB, peak heap ${figures.peakHeapMb.toFixed(0)} MB`);
}

async function main() {
	const emulator = await startEmulator({ latencyMs: [50, 150], rateLimits: { messagesPerSecond: CAP } });
	const credentials = { accessToken: emulator.ids.accessToken, appSecret: emulator.ids.appSecret, graphApiVersion: 'v23.0', baseUrl: emulator.url };
	const items = Array.from({ length: N }, (_, index) => ({ json: { phone: `+${recipient(index)}`, n: index } }));
	console.log(`bench: ${N} text messages, emulator cap ${CAP} msg/s, latency 50–150 ms, node "Messages per Second" ${CAP}`);

	// Warm up n8n-core and the spec validator outside the measurement (one message, then reset).
	await runNode({ parameters: { resource: 'message', operation: 'send', phoneNumberId: { __rl: true, mode: 'id', value: emulator.ids.phoneNumberId }, to: '+15550000000', messageType: 'text', textBody: 'warm-up' }, credentials });
	reset(emulator);

	let watch = probe();
	let started = performance.now();
	const run = await runNode({
		parameters: {
			resource: 'message',
			operation: 'send',
			phoneNumberId: { __rl: true, mode: 'id', value: emulator.ids.phoneNumberId },
			to: '={{ $json.phone }}',
			messageType: 'text',
			textBody: '={{ "Your order " + $json.n + " has shipped." }}',
			messagesPerSecond: CAP,
			rateLimitHandling: { maxRetries: 10, maxWaitSeconds: 120 },
		},
		credentials,
		items,
		continueOnFail: true,
	});
	let seconds = (performance.now() - started) / 1000;
	const nodeFailed = run.error ? N : run.items.filter((item) => item.json.error).length;
	report('node (paced stream, this package)', emulator, seconds, nodeFailed, watch.stop());

	reset(emulator);
	watch = probe();
	started = performance.now();
	const answers = await Promise.all(
		items.map((item) =>
			axios
				.post(
					`${emulator.url}/v23.0/${emulator.ids.phoneNumberId}/messages`,
					{ messaging_product: 'whatsapp', recipient_type: 'individual', to: recipient(item.json.n), type: 'text', text: { body: `Your order ${item.json.n} has shipped.`, preview_url: false } },
					{ headers: { authorization: `Bearer ${emulator.ids.accessToken}` }, validateStatus: () => true },
				)
				.then((response) => response.status)
				.catch(() => 0),
		),
	);
	seconds = (performance.now() - started) / 1000;
	report('plain fan-out (axios, all at once, like declarative routing)', emulator, seconds, answers.filter((status) => status !== 200).length, watch.stop());
	await emulator.stop();
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
