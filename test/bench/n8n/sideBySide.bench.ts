/**
 * `npm run bench:n8n`: this package's nodes against n8n's built-in WhatsApp nodes, in ONE real n8n
 * (2.41.1, scripts/n8n) and the same run, against the emulator (80 messages/s cap, 50–150 ms latency).
 * The built-in nodes hard-code https://graph.facebook.com, so n8n runs with HTTPS_PROXY pointing at
 * a loopback CONNECT proxy that tunnels graph.facebook.com:443 to the emulator's TLS port (a
 * throw-away self-signed certificate, trusted through NODE_EXTRA_CA_CERTS). Our credential's base
 * URL is https://graph.facebook.com too, so both nodes take the same path. Nothing leaves loopback.
 * Prints figures; asserts nothing. BENCH_MESSAGES (default 2,000), BENCH_EVENTS (2,000),
 * BENCH_TAMPERED (50), BENCH_CONCURRENCY (20 webhook deliveries in flight).
 * BENCH_N8N_MODE=queue runs n8n in queue mode instead (Postgres, Redis, main, two workers, a webhook
 * processor: scripts/n8n/queue.js) and, unless BENCH_N8N_PARTS / BENCH_N8N_CASES say otherwise, only
 * the concurrency case: its three executions run on the workers, which share no pacer.
 */
import { existsSync, readFileSync } from 'node:fs';

import { DEFAULT_GRAPH_VERSION } from '../../../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import { startEmulator, type GraphEmulator } from '../../emulator/server';
import { allRoutes } from '../../emulator/routes';
import { SPEC_PATH } from '../../emulator/specValidator';
import { incomingMessage, type WebhookContextIds } from '../../emulator/webhookEvents';
import { metaJson, signatureFor } from '../../emulator/webhookSender';
import { makeCertificate, startGraphProxy } from './graphProxy';
import { countExecutions, deliver, probeReadiness, resetEmulator, sendFigures, settledExecutions, type SendFigures } from './measure';
import { printSend, printSendRatios, printTrigger, printTriggerRatios, type TriggerFigures } from './report';
import { printSendBenchLine, throughputCase } from './throughput';
import { builtInSendWorkflow, builtInTriggerWorkflow, ourSendWorkflow, ourTriggerWorkflow, type CredentialRef } from './workflows';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startN8n } = require('../../../scripts/n8n/instance');

const N = Number(process.env.BENCH_MESSAGES ?? 2000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const TAMPERED = Number(process.env.BENCH_TAMPERED ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
/** Seconds each trigger gets for its deliveries; what is not delivered by then is reported as such. */
const EVENT_BUDGET = Number(process.env.BENCH_EVENT_SECONDS ?? 150);
const CAP = 80;
/** Messages per execution in the throughput cases (1 × this at cap 80 and at cap 1,000). */
const THROUGHPUT_MESSAGES = Number(process.env.BENCH_N8N_MESSAGES ?? 10_000);
const CONCURRENT_MESSAGES = Number(process.env.BENCH_CONCURRENT_MESSAGES ?? 1000);
const MODE = process.env.BENCH_N8N_MODE ?? 'regular';
if (MODE !== 'regular' && MODE !== 'queue') throw new Error(`BENCH_N8N_MODE is "${MODE}"; use regular or queue`);
/** Which parts to run: throughput, sideBySide, triggers (all by default; throughput in queue mode); BENCH_N8N_CASES picks throughput cases by label start, e.g. "3 concurrent" (the default in queue mode). */
const PARTS = new Set((process.env.BENCH_N8N_PARTS ?? (MODE === 'queue' ? 'throughput' : 'throughput,sideBySide,triggers')).split(','));
const CASES = process.env.BENCH_N8N_CASES ?? (MODE === 'queue' ? '3 concurrent' : undefined);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const log = (message: string) => process.stderr.write(`[bench ${elapsed()}] ${message}\n`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type N8n = any;

let resets = 0;

/** Like the client's waitForExecution, but a reset connection or a 503 (n8n busy with 2,000 requests) means "ask again", not "fail". */
async function waitForExecution(n8n: N8n, executionId: string, timeoutMs = 600_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			const execution = await n8n.api('GET', `/executions/${executionId}?includeData=false`);
			if (execution.finished || ['success', 'error', 'crashed', 'canceled'].includes(execution.status)) {
				return await n8n.api('GET', `/executions/${executionId}?includeData=true`);
			}
		} catch (error) {
			const status = (error as { status?: number }).status;
			if (status === undefined || status === 503) resets++; // reset connection, or 503 "Database is not ready!" while n8n is swamped
			else if (status !== 404) throw error;
		}
		if (Date.now() > deadline) throw new Error(`execution ${executionId} not finished after ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

async function sendRun(n8n: N8n, emulator: GraphEmulator, label: string, workflowId: string): Promise<SendFigures> {
	resetEmulator(emulator);
	const probe = probeReadiness(n8n.baseUrl);
	const t0 = performance.now();
	const executionId = await n8n.runManual(workflowId, 'Start');
	const execution = await waitForExecution(n8n, executionId);
	const wallSeconds = (performance.now() - t0) / 1000;
	const responsiveness = await probe.stop();
	const items = (execution.data?.resultData?.runData?.Send?.[0]?.data?.main?.[0] ?? []) as Array<{ json: Record<string, unknown> }>;
	const errorItems = items.filter((item) => item.json.error !== undefined).length;
	return sendFigures(label, emulator, N, wallSeconds, { errorItems, executionStatus: String(execution.status), responsiveness });
}

/** Signed deliveries of one incoming text message each (fresh message ids), and tampered copies. */
function deliveries(count: number, ids: WebhookContextIds, appSecret: string, tamper: boolean) {
	return Array.from({ length: count }, () => {
		const raw = Buffer.from(metaJson(incomingMessage('text', ids)), 'utf8');
		const signature = signatureFor(raw, appSecret);
		if (tamper) {
			const at = raw.indexOf('Hello');
			raw[at] = 'J'.charCodeAt(0); // "Hello" → "Jello": one byte, signature left as it was
		}
		return { raw, signature };
	});
}

async function triggerRun(n8n: N8n, label: string, workflowId: string, webhookId: string, ids: WebhookContextIds, appSecret: string): Promise<TriggerFigures> {
	const url = `${n8n.webhookBaseUrl}/${webhookId}/webhook`;
	const before = (await countExecutions(n8n, workflowId)).total;
	const probe = probeReadiness(n8n.baseUrl);
	const t0 = performance.now();
	const delivery = await deliver(url, deliveries(EVENTS, ids, appSecret, false), CONCURRENCY, EVENT_BUDGET);
	const settled = await settledExecutions(n8n, workflowId);
	const settledSeconds = (performance.now() - t0) / 1000 - 3; // minus the quiet period settledExecutions waits for
	const responsiveness = await probe.stop();
	const tampered = await deliver(url, deliveries(TAMPERED, ids, appSecret, true), CONCURRENCY);
	const after = await settledExecutions(n8n, workflowId);
	const byStatus = { ...settled.byStatus };
	return {
		label,
		events: delivery.sent,
		requested: EVENTS,
		budgetSeconds: EVENT_BUDGET,
		delivery,
		executions: settled.total - before,
		executionStatuses: byStatus,
		settledSeconds,
		worstReadinessMs: responsiveness.worstMs,
		tampered,
		tamperedExecutions: after.total - settled.total,
	};
}

/**
 * Meta documents recipient_type as optional (default "individual"), and the built-in node leaves it
 * out; the emulator (after Meta's OpenAPI spec) requires it. For this bench only, in this process,
 * the emulator's send route fills in the default first, as Meta does.
 */
function defaultRecipientType(): void {
	const route = allRoutes.find((candidate) => candidate.method === 'POST' && candidate.target === 'phoneNumber' && candidate.edge === 'messages');
	if (!route) throw new Error('the emulator has no POST /{phone-number-id}/messages route');
	const handler = route.handler.bind(route);
	route.handler = (context) => {
		const body = context.req.body as Record<string, unknown>;
		if (context.req.bodyIsJson && body.status === undefined && body.recipient_type === undefined) body.recipient_type = 'individual';
		return handler(context);
	};
}

async function main() {
	defaultRecipientType();
	// Meta's spec lives outside the repository (../shared/specs); without it the emulator skips that check, as the e2e tests do.
	const validateAgainstSpec = existsSync(SPEC_PATH);
	const certificate = makeCertificate();
	const emulator = await startEmulator({ tls: { key: certificate.key, cert: certificate.cert }, latencyMs: [50, 150], rateLimits: { messagesPerSecond: CAP }, validateAgainstSpec, acceptExpiredVersions: true });
	const proxy = await startGraphProxy(Number(new URL(emulator.url).port));
	let n8n: N8n;
	let failed = false;
	try {
		log(`emulator ${emulator.url} (TLS as graph.facebook.com), proxy ${proxy.url}; starting n8n in ${MODE} mode…`);
		n8n = await startN8n({
			mode: MODE,
			env: { HTTPS_PROXY: proxy.url, https_proxy: proxy.url, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost', NODE_EXTRA_CA_CERTS: certificate.certPath },
			log: (message: string) => log(message),
		});
		const { ids } = emulator;
		const ref = (created: { id: string; name: string }): CredentialRef => ({ id: created.id, name: created.name });
		const ours = ref(await n8n.createCredential('Bench: this package', 'whatsAppBusinessPlatformApi', {
			accessToken: ids.accessToken, appSecret: ids.appSecret, verifyToken: ids.verifyToken, graphApiVersion: DEFAULT_GRAPH_VERSION, baseUrl: 'https://graph.facebook.com',
		}));
		const builtIn = ref(await n8n.createCredential('Bench: built-in', 'whatsAppApi', { accessToken: ids.accessToken, businessAccountId: ids.wabaId }));
		const builtInTrigger = ref(await n8n.createCredential('Bench: built-in trigger', 'whatsAppTriggerApi', { clientId: ids.appId, clientSecret: ids.appSecret }));

		// Warm-up outside the measurement: load both node types and open the TLS path once.
		for (const warm of [ourSendWorkflow(2, ids.phoneNumberId, ours, CAP), builtInSendWorkflow(2, ids.phoneNumberId, builtIn)]) {
			const wf = await n8n.createWorkflow(warm);
			await n8n.waitForExecution(await n8n.runManual(wf.id, 'Start'));
		}
		log(`warm-up done (${emulator.state.acceptedMessages.length} messages accepted through the proxy, ${proxy.tunnels} tunnels)`);

		const setup = MODE === 'queue' ? 'queue mode: main, two workers (concurrency 10), a webhook processor, Postgres, Redis' : 'one instance, regular mode';
		console.log(`bench:n8n — real n8n 2.41.1, ${setup}; emulator cap ${CAP} msg/s, latency 50–150 ms; ${N} messages, ${EVENTS} events (+${TAMPERED} tampered), ${CONCURRENCY} deliveries in flight`);
		console.log('');
		if (PARTS.has('throughput')) {
			for (const spec of [
				{ label: '1 execution, cap 80', cap: 80, executions: 1, perExecution: THROUGHPUT_MESSAGES },
				{ label: '1 execution, cap 1,000 (top tier)', cap: 1000, executions: 1, perExecution: THROUGHPUT_MESSAGES },
				{ label: '3 concurrent executions, one number, cap 80', cap: 80, executions: 3, perExecution: CONCURRENT_MESSAGES },
			].filter((spec) => !CASES || CASES.split(',').some((name) => spec.label.startsWith(name)))) {
				log(`throughput: ${spec.label}…`);
				await throughputCase(n8n, emulator, ours, waitForExecution, spec);
			}
			emulator.limiter.config.messagesPerSecond = CAP;
			console.log('');
		}
		if (PARTS.has('sideBySide')) {
			const oursWf = await n8n.createWorkflow(ourSendWorkflow(N, ids.phoneNumberId, ours, CAP));
			const builtInWf = await n8n.createWorkflow(builtInSendWorkflow(N, ids.phoneNumberId, builtIn));
			log('sending with this package…');
			const oursSend = await sendRun(n8n, emulator, `this package (${'n8n-nodes-whatsapp-business-platform'}, Messages per Second ${CAP})`, oursWf.id);
			printSend(oursSend, N, CAP);
			printSendBenchLine(oursSend, CAP, N, MODE);
			log('sending with the built-in node…');
			const builtInSend = await sendRun(n8n, emulator, 'built-in WhatsApp Business Cloud node (n8n-nodes-base.whatsApp)', builtInWf.id);
			printSend(builtInSend, N, CAP);
			printSendBenchLine(builtInSend, CAP, N, MODE);
			printSendRatios(oursSend, builtInSend);
			console.log('');
		}

		if (PARTS.has('triggers')) {
			const webhookIds: WebhookContextIds = { wabaId: ids.wabaId, phoneNumberId: ids.phoneNumberId, displayPhoneNumber: '15550100001' };
			const ourTrigger = ourTriggerWorkflow(ids.wabaId, ours);
			const theirTrigger = builtInTriggerWorkflow(builtInTrigger);
			const ourTriggerWf = await n8n.createWorkflow(ourTrigger.workflow);
			const theirTriggerWf = await n8n.createWorkflow(theirTrigger.workflow);
			await n8n.publish(ourTriggerWf.id);
			await n8n.publish(theirTriggerWf.id);
			log(`both triggers published (handshakes: ${emulator.handshakes.map((h) => `${h.ok ? 'ok' : 'FAILED'} ${h.status}`).join(', ')})`);
			log('delivering to this package\'s trigger…');
			const oursTrig = await triggerRun(n8n, 'this package\'s trigger (automatic subscription, signature checked)', ourTriggerWf.id, ourTrigger.webhookId, webhookIds, ids.appSecret);
			printTrigger(oursTrig);
			log('delivering to the built-in trigger…');
			const theirTrig = await triggerRun(n8n, 'built-in WhatsApp Trigger (n8n-nodes-base.whatsAppTrigger)', theirTriggerWf.id, theirTrigger.webhookId, webhookIds, ids.appSecret);
			printTrigger(theirTrig);
			printTriggerRatios(oursTrig, theirTrig);
			await n8n.unpublish(ourTriggerWf.id);
			await n8n.unpublish(theirTriggerWf.id);
		}
		console.log('');
		console.log('notes:');
		console.log('  - both action nodes reach the emulator the same way: HTTPS to graph.facebook.com through a loopback CONNECT proxy to the emulator\'s TLS port');
		console.log('  - msg/s = distinct messages the emulator accepted / wall time of the execution (manual run until finished); failed = messages never accepted; duplicated = extra acceptances of the same recipient+text');
		console.log('  - the built-in node has no pacing or retry option: what the emulator rejects with 130429 stays unsent (it answers with the error body as an item)');
		console.log('  - the built-in node sends no recipient_type; Meta documents it as optional (default individual), so here the emulator fills in that default (it otherwise requires it, after the OpenAPI spec)');
		if (!validateAgainstSpec) console.log(`  - ${SPEC_PATH} not found: request bodies were not checked against Meta's OpenAPI spec`);
		console.log(`  - each trigger gets ${EVENT_BUDGET} s (BENCH_EVENT_SECONDS) for its ${EVENTS} deliveries; fewer delivered means n8n answered slower than ${(EVENTS / EVENT_BUDGET).toFixed(1)}/s`);
		console.log('  - events/s = deliveries answered by n8n per second with ' + CONCURRENCY + ' in flight; executions counted through the public API after they settled');
		if (resets) console.log(`  - ${resets} status polls of n8n's API failed (connection reset or 503 "Database is not ready!") and were repeated`);
		console.log(`  - total bench time ${elapsed()}; proxy: ${proxy.tunnels} tunnels, refused ${proxy.refused.length} CONNECTs${proxy.refused.length ? ` (${[...new Set(proxy.refused)].join(', ')})` : ''}`);
	} catch (error) {
		failed = true;
		if (n8n) {
			const alive = n8n.process.exitCode === null && n8n.process.signalCode === null;
			console.log(`\nFAILED: ${(error as Error).message}; n8n ${alive ? 'still running' : `exited (${n8n.process.exitCode ?? n8n.process.signalCode})`}; last lines of ${n8n.logFile}:`);
			console.log(readFileSync(n8n.logFile, 'utf8').split('\n').slice(-25).join('\n'));
		}
		throw error;
	} finally {
		if (n8n) await n8n.stop({ keep: failed });
		await proxy.stop();
		await emulator.stop();
		certificate.remove();
	}
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
