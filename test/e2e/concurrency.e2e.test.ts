/**
 * Three executions started at once, each sending from the same phone number, against the emulator's per-number cap
 * (80 messages/s, 50–150 ms latency) with the node's defaults (Messages per Second 80, five retries, stop on the first
 * refusal). In regular mode the three share one pacer in one process; in queue mode (`npm run test:e2e:queue`) they run
 * on the workers, so a pacer in one process meets the others only through Meta's 130429 answers (AIMD). Either way
 * every execution must succeed and every message must be accepted exactly once. How many 130429 answers that took
 * and how long it ran are printed, not asserted: they depend on the machine's load.
 */
import fs from 'node:fs';

import { byId, sleep, useN8n, type Json } from './support';

const CAP = 80;
const EXECUTIONS = 3;
const PER_EXECUTION = Number(process.env.E2E_CONCURRENT_MESSAGES ?? 300);

const e2e = useN8n({ emulator: { latencyMs: [50, 150], rateLimits: { messagesPerSecond: CAP, pairBurst: 10_000 } } });

/** The recipients and texts of execution e: unique across the three. */
const items = (e: number) => Array.from({ length: PER_EXECUTION }, (_, n) => ({ to: `1555${4_000_000 + e * 100_000 + n}`, text: `Concurrent ${e}/${n}` }));

function sendWorkflow(e: number): Json {
	const { ids } = e2e.emulator;
	return e2e.manualWorkflow(`concurrency: execution ${e}`, [
		{
			name: 'Recipients',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: { jsCode: `return ${JSON.stringify(items(e))}.map((json) => ({ json }));` },
		},
		{
			name: 'Send',
			after: 'Recipients',
			parameters: { resource: 'message', operation: 'send', wabaId: byId(ids.wabaId), phoneNumberId: byId(ids.phoneNumberId), to: '={{ $json.to }}', messageType: 'text', textBody: '={{ $json.text }}', messagesPerSecond: CAP },
		},
	]);
}

/** Polls without execution data (three executions are running), then reads the finished one with its data. */
async function finished(executionId: string, timeoutMs = 300_000): Promise<Json> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const execution = await e2e.n8n.api('GET', `/executions/${executionId}?includeData=false`).catch((error: { status?: number }) => {
			if (error.status === 404) return undefined; // not saved yet
			throw error;
		});
		if (execution && (execution.finished || ['success', 'error', 'crashed', 'canceled'].includes(execution.status))) {
			return await e2e.n8n.api('GET', `/executions/${executionId}?includeData=true`);
		}
		if (Date.now() > deadline) throw new Error(`execution ${executionId} still ${execution?.status ?? 'missing'} after ${timeoutMs} ms`);
		await sleep(500);
	}
}

/** The n8n process that ran an execution: the worker whose log says it finished it (queue mode), else main. */
function ranOn(executionId: string): string[] {
	const processes = e2e.n8n.processes as Array<{ name: string; logFile: string }>;
	if (e2e.mode !== 'queue') return ['main'];
	return processes.filter((p) => fs.readFileSync(p.logFile, 'utf8').includes(`Worker finished execution ${executionId} `)).map((p) => p.name);
}

describe(`three executions at once from one number (${e2e.mode} mode)`, () => {
	it(`${EXECUTIONS} × ${PER_EXECUTION} messages at cap ${CAP}: every execution succeeds, every message is accepted exactly once`, async () => {
		const { ids } = e2e.emulator;
		const workflows = [];
		for (let e = 0; e < EXECUTIONS; e++) workflows.push(await e2e.n8n.createWorkflow(sendWorkflow(e)));
		const acceptedBefore = e2e.emulator.state.acceptedMessages.length;
		const requestsBefore = e2e.emulator.requests.length;

		const t0 = Date.now();
		const executionIds: string[] = await Promise.all(workflows.map((wf) => e2e.n8n.runManual(wf.id, 'Start')));
		const executions = await Promise.all(executionIds.map((id) => finished(id)));
		e2e.timings.push([`${EXECUTIONS} × ${PER_EXECUTION} at once: run + wait`, Date.now() - t0]);

		const accepted = e2e.emulator.state.acceptedMessages.slice(acceptedBefore);
		const sends = e2e.emulator.requests.slice(requestsBefore).filter((request) => request.method === 'POST' && request.path === `/${ids.phoneNumberId}/messages`);
		const throttled = sends.filter((request) => (request.responseBody as Json)?.error?.code === 130429).length;
		const otherRefusals = sends.filter((request) => request.status !== 200 && (request.responseBody as Json)?.error?.code !== 130429).length;
		const processes = executionIds.map(ranOn);
		const started = Math.min(...executions.map((execution) => Date.parse(execution.startedAt)));
		const lastAt = Math.max(...accepted.map((message) => message.at));
		const seconds = (lastAt - started) / 1000;
		const total = EXECUTIONS * PER_EXECUTION;
		// eslint-disable-next-line no-console
		console.log(
			`${e2e.mode} mode, ${EXECUTIONS} × ${PER_EXECUTION} at cap ${CAP}/s: ${accepted.length} accepted, ${throttled} answers 130429 (${((throttled / total) * 100).toFixed(1)} % of messages), ` +
				`${otherRefusals} other refusals; first execution start → last accepted ${seconds.toFixed(1)} s (${(seconds / (total / CAP)).toFixed(2)}× what the cap allows); ` +
				`statuses ${executions.map((execution) => execution.status).join(', ')}; ran on ${processes.map((names) => names.join('+') || '?').join(', ')}`,
		);

		for (const execution of executions) {
			const runData = execution.data.resultData.runData as Json;
			expect({ id: execution.id, status: execution.status, error: runData.Send?.[0]?.error?.message }).toEqual({ id: execution.id, status: 'success', error: undefined });
		}
		if (e2e.mode === 'queue') {
			// Each ran on exactly one worker, none on main (manual runs are offloaded).
			for (const names of processes) expect(names).toEqual([expect.stringMatching(/^worker-/)]);
			// Which worker takes a job is Bull's choice; on one worker they shared one pacer, as in regular mode.
			// eslint-disable-next-line no-console
			if (new Set(processes.flat()).size === 1) console.log(`all ${EXECUTIONS} executions ran on ${processes[0][0]}: pacing across workers was not exercised in this run`);
		}

		// Ground truth at the emulator: each recipient + text exactly once, nothing else.
		const keys = accepted.map((message) => `${message.to}|${String((message.body.text as Json | undefined)?.body)}`);
		const expected = Array.from({ length: EXECUTIONS }, (_, e) => items(e).map((item) => `${item.to}|${item.text}`)).flat();
		expect(keys.length).toBe(total);
		expect([...keys].sort()).toEqual(expected.sort());

		// Every item came out with the message ID the emulator accepted, none with an error.
		executions.forEach((execution, e) => {
			const out = ((execution.data.resultData.runData as Json).Send[0].data.main[0] as Json[]).map((item) => item.json);
			expect(out).toHaveLength(PER_EXECUTION);
			expect(out.filter((item) => item.error !== undefined)).toEqual([]);
			const messageIds = out.map((item) => item.messages?.[0]?.id);
			const mine = new Set(items(e).map((item) => item.to));
			const acceptedIds = accepted.filter((message) => mine.has(message.to)).map((message) => message.id);
			expect(new Set(messageIds)).toEqual(new Set(acceptedIds));
		});
	});
});
