/**
 * `npm run bench`: messages through the node (n8n-core's WorkflowExecute, as n8n runs it) against the emulator in a
 * process of its own (cap as given, 50–150 ms latency), case by case:
 *   1 execution × BENCH_MESSAGES (10,000) at cap 80; the same at cap 1,000 (Meta's top tier);
 *   3 concurrent executions × BENCH_CONCURRENT_MESSAGES (1,000) from one number at cap 80 (one shared pacer);
 *   a plain unthrottled fan-out of BENCH_FANOUT (2,000) requests (what n8n's declarative routing does), for contrast.
 * Each case prints its figures and ends with one line `BENCH {json}`; CPU per message is split by owner (the package's
 * own code, n8n, Node, GC) from a CPU profile (cpuShare.ts; BENCH_PROFILE=0 turns it off, BENCH_PROFILE_DIR keeps the
 * profiles). Asserts nothing. The machine's other load
 * shows in the figures: run it on a quiet machine for numbers to compare.
 */
import './preferTs';

import { monitorEventLoopDelay } from 'node:perf_hooks';

import axios from 'axios';

import { DEFAULT_GRAPH_VERSION } from '../../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import { runNode, type NodeRun } from '../harness/runNode';
import { startCpuProfile } from './cpuShare';
import { startEmulatorProcess, type EmulatorProcess } from './emulatorProcess';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const CONCURRENT_MESSAGES = Number(process.env.BENCH_CONCURRENT_MESSAGES ?? 1000);
const FANOUT = Number(process.env.BENCH_FANOUT ?? 2000);
const LATENCY: [number, number] = [50, 150];
const PROFILE = process.env.BENCH_PROFILE !== '0';
const STALL_RESOLUTION_MS = 10;
/** Profiler sampling interval (BENCH_PROFILE_US); finer sampling costs CPU that the slow cases would show per message. */
const PROFILE_INTERVAL_US = Number(process.env.BENCH_PROFILE_US ?? 10_000);

/**
 * Worst event-loop stall (perf_hooks' histogram of a 10 ms timer's delays): what a health check would wait. CPU of the
 * whole process, and (BENCH_PROFILE, on unless 0) how it splits by owner (see cpuShare.ts). The probe itself must stay
 * cheap: its cost grows with the run's length, so a slow run would show it as CPU per message (a JS interval every
 * 5 ms and a full memoryUsage() in it cost 0.2–0.4 ms per message at cap 80 on a loaded machine). Native histogram,
 * RSS every 100 ms.
 */
async function probe(label: string) {
	const histogram = monitorEventLoopDelay({ resolution: STALL_RESOLUTION_MS });
	histogram.enable();
	let peakRss = process.memoryUsage.rss();
	const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);
	const profileFile = process.env.BENCH_PROFILE_DIR && `${process.env.BENCH_PROFILE_DIR}/${label.replace(/\W+/g, '-')}.cpuprofile`;
	const profile = PROFILE ? await startCpuProfile(PROFILE_INTERVAL_US, profileFile) : undefined;
	const cpu = process.cpuUsage();
	return {
		async stop() {
			const used = process.cpuUsage(cpu);
			clearInterval(rssTimer);
			histogram.disable();
			const byOwner = await profile?.stop();
			return { worstStallMs: Math.max(0, histogram.max / 1e6 - STALL_RESOLUTION_MS), peakRssMb: peakRss / 1024 / 1024, cpuMs: (used.user + used.system) / 1000, systemCpuMs: used.system / 1000, byOwner };
		},
	};
}

const recipient = (index: number) => `1555${String(1_000_000 + index).padStart(7, '0')}`;

function sendRun(emulator: EmulatorProcess, cap: number, from: number, count: number): Promise<NodeRun> {
	const items = Array.from({ length: count }, (_, index) => ({ json: { phone: `+${recipient(from + index)}`, n: from + index } }));
	return runNode({
		parameters: {
			resource: 'message',
			operation: 'send',
			phoneNumberId: { __rl: true, mode: 'id', value: emulator.ids.phoneNumberId },
			to: '={{ $json.phone }}',
			messageType: 'text',
			// The form n8n writes when a field is dragged into the text.
			textBody: '=Your order {{ $json.n }} has shipped.',
			messagesPerSecond: cap,
			rateLimitHandling: { maxRetries: 10, maxWaitSeconds: 120 },
		},
		credentials: { accessToken: emulator.ids.accessToken, appSecret: emulator.ids.appSecret, graphApiVersion: DEFAULT_GRAPH_VERSION, baseUrl: emulator.url },
		items,
		continueOnFail: true,
	});
}

const failedIn = (run: NodeRun, count: number) => (run.error ? count : run.items.filter((item) => item.json.error).length);

async function nodeCase(label: string, cap: number, executions: number, perExecution: number) {
	const emulator = await startEmulatorProcess({ cap, latencyMs: LATENCY });
	await sendRun(emulator, cap, 9_000_000, 1); // warm up n8n-core and the emulator's validator
	await emulator.reset();
	const messages = executions * perExecution;
	const watch = await probe(label);
	const startedAt = Date.now();
	const runs = await Promise.all(Array.from({ length: executions }, (_, e) => sendRun(emulator, cap, e * perExecution, perExecution)));
	const local = await watch.stop();
	const figures = await emulator.figures();
	await emulator.stop();
	const failed = runs.reduce((sum, run) => sum + failedIn(run, perExecution), 0);
	const reasons = new Map<string, number>();
	for (const run of runs) for (const item of run.items) if (item.json.error) reasons.set(String(item.json.error), (reasons.get(String(item.json.error)) ?? 0) + 1);
	if (run0Error(runs)) reasons.set(run0Error(runs)!, 1);
	const wholeSeconds = (figures.lastAcceptedAt - startedAt) / 1000;
	const sendingSeconds = (figures.lastAcceptedAt - figures.firstAcceptedAt) / 1000;
	const result = {
		case: label,
		cap,
		executions,
		messages,
		wholeRunRatio: round(figures.accepted / (cap * wholeSeconds)),
		sendingRatio: round((figures.accepted - 1) / (cap * sendingSeconds)),
		capTimeRatio: round(wholeSeconds / (messages / cap)),
		failed,
		duplicates: figures.duplicates,
		throttled: figures.throttled,
		throttledPerMessage: round(figures.throttled / messages, 4),
		firstSendMs: figures.firstRequestAt - startedAt,
		cpuMsPerMessage: round(local.cpuMs / messages, 3),
		kernelCpuMsPerMessage: round(local.systemCpuMs / messages, 3),
		emulatorCpuMsPerMessage: round(figures.cpuMs / messages, 3),
		...(local.byOwner && {
			packageCpuMsPerMessage: round((local.byOwner.package * local.cpuMs) / messages, 3),
			n8nCpuMsPerMessage: round((local.byOwner.n8n * local.cpuMs) / messages, 3),
			nodeCpuMsPerMessage: round((local.byOwner.node * local.cpuMs) / messages, 3),
			gcCpuMsPerMessage: round((local.byOwner.gc * local.cpuMs) / messages, 3),
			benchCpuMsPerMessage: round(((local.byOwner.bench + local.byOwner.other) * local.cpuMs) / messages, 3),
		}),
		worstReadinessMs: Math.round(local.worstStallMs),
		peakInFlight: figures.peakInFlight,
		peakRssMb: Math.round(local.peakRssMb),
		wallSeconds: round((Date.now() - startedAt) / 1000, 1),
	};
	console.log(`${label}: ${executions} × ${perExecution} at cap ${cap}/s`);
	console.log(`  accepted ${figures.accepted}/${messages}, failed ${failed}, duplicates ${figures.duplicates}, 130429 answers ${figures.throttled} (${(result.throttledPerMessage * 100).toFixed(2)}% of messages)`);
	console.log(`  whole run ${(result.wholeRunRatio * 100).toFixed(1)}% of the cap (execution start → last accepted, ${wholeSeconds.toFixed(1)} s = ${result.capTimeRatio}× what the cap allows); while sending ${(result.sendingRatio * 100).toFixed(1)}%`);
	console.log(`  first request ${result.firstSendMs} ms after the start; node process CPU ${result.cpuMsPerMessage} ms/message (${result.kernelCpuMsPerMessage} of it in the kernel; n8n-core included, emulator excluded); worst event-loop stall ${result.worstReadinessMs} ms; peak in-flight ${figures.peakInFlight}; peak RSS ${result.peakRssMb} MB`);
	console.log(`  the emulator's process (${process.env.BENCH_SPEC === '1' ? 'spec validation of every request, ' : ''}bookkeeping): ${result.emulatorCpuMsPerMessage} ms of CPU per message, on the same two cores`);
	if (local.byOwner) {
		console.log(
			`  of that CPU by owner (profile shares × process CPU, ms/message): package ${result.packageCpuMsPerMessage}, n8n (core, workflow, request helper) ${result.n8nCpuMsPerMessage}, Node (sockets, timers) ${result.nodeCpuMsPerMessage}, GC ${result.gcCpuMsPerMessage}, the bench's own probes ${result.benchCpuMsPerMessage}`,
		);
	}
	if (reasons.size) console.log(`  failures: ${[...reasons].map(([reason, count]) => `${count} × ${reason}`).join('; ')}`);
	console.log(`BENCH ${JSON.stringify(result)}`);
}

const run0Error = (runs: NodeRun[]) => runs.find((run) => run.error)?.error?.message;

async function fanOutCase(cap: number, count: number) {
	const emulator = await startEmulatorProcess({ cap, latencyMs: LATENCY });
	const watch = await probe('fanout');
	const startedAt = Date.now();
	const answers = await Promise.all(
		Array.from({ length: count }, (_, index) =>
			axios
				.post(
					`${emulator.url}/${DEFAULT_GRAPH_VERSION}/${emulator.ids.phoneNumberId}/messages`,
					{ messaging_product: 'whatsapp', recipient_type: 'individual', to: recipient(index), type: 'text', text: { body: `Your order ${index} has shipped.`, preview_url: false } },
					{ headers: { authorization: `Bearer ${emulator.ids.accessToken}` }, validateStatus: () => true },
				)
				.then((response) => response.status)
				.catch(() => 0),
		),
	);
	const local = await watch.stop();
	const figures = await emulator.figures();
	await emulator.stop();
	const result = {
		case: 'plain fan-out (all at once, like declarative routing)',
		cap,
		executions: 1,
		messages: count,
		failed: answers.filter((status) => status !== 200).length,
		duplicates: figures.duplicates,
		throttled: figures.throttled,
		throttledPerMessage: round(figures.throttled / count, 4),
		worstReadinessMs: Math.round(local.worstStallMs),
		wallSeconds: round((Date.now() - startedAt) / 1000, 1),
	};
	console.log(`${result.case}: ${count} at cap ${cap}/s`);
	console.log(`  accepted ${figures.accepted}/${count}, failed ${result.failed}, 130429 answers ${figures.throttled}`);
	console.log(`BENCH ${JSON.stringify(result)}`);
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

async function main() {
	console.log(`bench: emulator in its own process, latency ${LATENCY.join('–')} ms; node "Messages per Second" = the cap`);
	const only = process.env.BENCH_CASES?.split(',');
	const want = (name: string) => !only || only.includes(name);
	if (want('cap80')) await nodeCase('1 execution, cap 80', 80, 1, MESSAGES);
	if (want('cap1000')) await nodeCase('1 execution, cap 1,000 (top tier)', 1000, 1, MESSAGES);
	if (want('concurrent')) await nodeCase('3 concurrent executions, one number, cap 80', 80, 3, CONCURRENT_MESSAGES);
	if (want('fanout')) await fanOutCase(80, FANOUT);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
