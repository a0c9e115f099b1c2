/**
 * bench:n8n's throughput cases for this package's node, in the same real n8n: 1 execution × BENCH_N8N_MESSAGES
 * (10,000) at cap 80 and at cap 1,000, and 3 concurrent executions × 1,000 from one number at cap 80. Each case prints
 * its figures and a `BENCH {json}` line. n8n's CPU is read from /proc for its processes (Linux): main, and in queue
 * mode the workers and the webhook processor too (not Postgres and Redis).
 */
import { existsSync, readFileSync } from 'node:fs';

import type { GraphEmulator } from '../../emulator/server';
import { probeReadiness, resetEmulator, type SendFigures } from './measure';
import { ourSendWorkflow, type CredentialRef } from './workflows';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type N8n = any;

/** CPU milliseconds used so far by process `pid` (user + system), from /proc; undefined elsewhere. */
function cpuMsOf(pid: number): number | undefined {
	const file = `/proc/${pid}/stat`;
	if (!existsSync(file)) return undefined;
	const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
}

/** CPU milliseconds used so far by all of n8n's processes; undefined where /proc is missing. */
function n8nCpuMs(n8n: N8n): number | undefined {
	const each = (n8n.processes as Array<{ process: { pid: number } }>).map((p) => cpuMsOf(p.process.pid));
	return each.some((ms) => ms === undefined) ? undefined : each.reduce<number>((sum, ms) => sum + (ms as number), 0);
}

/** The n8n process that ran an execution: in queue mode the worker whose log says it finished it. */
function ranOn(n8n: N8n, executionId: string): string {
	if (n8n.mode !== 'queue') return 'main';
	const processes = n8n.processes as Array<{ name: string; logFile: string }>;
	return processes.filter((p) => readFileSync(p.logFile, 'utf8').includes(`Worker finished execution ${executionId} `)).map((p) => p.name).join('+') || '?';
}

/** Where n8n answers /healthz/readiness: main, and in queue mode each worker's health server (the workers do the sending). */
function readinessUrls(n8n: N8n): Array<[string, string]> {
	const workers = (n8n.processes as Array<{ name: string; spec?: { readyUrl?: string } }>).filter((p) => p.name.startsWith('worker-') && p.spec?.readyUrl);
	return [['main', n8n.baseUrl as string], ...workers.map((p): [string, string] => [p.name, p.spec!.readyUrl!])];
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function throughputCase(
	n8n: N8n,
	emulator: GraphEmulator,
	credential: CredentialRef,
	waitForExecution: (n8n: N8n, id: string) => Promise<Record<string, any>>,
	spec: { label: string; cap: number; executions: number; perExecution: number },
): Promise<void> {
	const { cap, executions, perExecution } = spec;
	const messages = executions * perExecution;
	const workflows = [];
	for (let e = 0; e < executions; e++) workflows.push(await n8n.createWorkflow(ourSendWorkflow(perExecution, emulator.ids.phoneNumberId, credential, cap, 2_000_000 + e * perExecution)));
	resetEmulator(emulator);
	emulator.limiter.config.messagesPerSecond = cap;
	const cpuBefore = n8nCpuMs(n8n);
	const probes = readinessUrls(n8n).map(([name, url]) => ({ name, probe: probeReadiness(url) }));
	const executionIds: string[] = await Promise.all(workflows.map((wf) => n8n.runManual(wf.id, 'Start')));
	const finished = await Promise.all(executionIds.map((id) => waitForExecution(n8n, id)));
	const readiness = await Promise.all(probes.map(async ({ name, probe }) => ({ name, ...(await probe.stop()) })));
	const responsiveness = { worstMs: Math.max(...readiness.map((r) => r.worstMs)), failures: readiness.reduce((sum, r) => sum + r.failures, 0) };
	const cpuAfter = n8nCpuMs(n8n);
	const processes = executionIds.map((id) => ranOn(n8n, id));

	const accepted = emulator.state.acceptedMessages;
	const unique = new Set(accepted.map((message) => `${message.to}|${JSON.stringify(message.body.text ?? null)}`)).size;
	const sends = emulator.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/messages'));
	const throttled = sends.filter((request) => (request.responseBody as { error?: { code?: number } })?.error?.code === 130429).length;
	const startedAt = Math.min(...finished.map((execution) => Date.parse(String(execution.startedAt))));
	const firstRequestAt = Math.min(...sends.map((request) => request.at));
	const firstAt = Math.min(...accepted.map((message) => message.at));
	const lastAt = Math.max(...accepted.map((message) => message.at));
	const reasons = new Map<string, number>();
	const errorItems = finished.reduce((sum, execution) => {
		const items = (execution.data?.resultData?.runData?.Send?.[0]?.data?.main?.[0] ?? []) as Array<{ json: Record<string, unknown> }>;
		const failed = items.filter((item) => item.json.error !== undefined);
		for (const item of failed) reasons.set(String(item.json.error), (reasons.get(String(item.json.error)) ?? 0) + 1);
		return sum + failed.length;
	}, 0);
	const wholeSeconds = (lastAt - startedAt) / 1000;
	const result = {
		case: spec.label,
		mode: n8n.mode as string,
		cap,
		executions,
		messages,
		wholeRunRatio: round(unique / (cap * wholeSeconds)),
		sendingRatio: round((unique - 1) / (cap * ((lastAt - firstAt) / 1000))),
		capTimeRatio: round(wholeSeconds / (messages / cap)),
		failed: messages - unique,
		errorItems,
		failedExecutions: finished.filter((execution) => execution.status !== 'success').length,
		duplicates: accepted.length - unique,
		throttled,
		throttledPerMessage: round(throttled / messages, 4),
		firstSendMs: firstRequestAt - startedAt,
		cpuMsPerMessage: cpuBefore !== undefined && cpuAfter !== undefined ? round((cpuAfter - cpuBefore) / messages, 3) : null,
		worstReadinessMs: Math.round(responsiveness.worstMs),
		readinessFailures: responsiveness.failures,
		peakInFlight: emulator.peakInFlight,
		ranOn: processes,
	};
	const perProcess = readiness.length > 1 ? ` (${readiness.map((r) => `${r.name} ${Math.round(r.worstMs)} ms`).join(', ')})` : '';
	console.log(`${spec.label}: ${executions} × ${perExecution} at cap ${cap}/s (real n8n, ${n8n.mode} mode; ran on ${processes.join(', ')})`);
	console.log(`  accepted ${unique}/${messages} once, failed ${result.failed}, duplicates ${result.duplicates}, failed executions ${result.failedExecutions}, 130429 answers ${throttled} (${(result.throttledPerMessage * 100).toFixed(2)}%)`);
	console.log(`  whole run ${(result.wholeRunRatio * 100).toFixed(1)}% of the cap (execution start → last accepted ${wholeSeconds.toFixed(1)} s = ${result.capTimeRatio}× what the cap allows); while sending ${(result.sendingRatio * 100).toFixed(1)}%`);
	console.log(`  first request ${result.firstSendMs} ms after the execution started; n8n CPU ${result.cpuMsPerMessage} ms/message (all of n8n); worst /healthz/readiness ${result.worstReadinessMs} ms${perProcess} (${responsiveness.failures} failed polls); peak in-flight ${result.peakInFlight}`);
	if (reasons.size) console.log(`  error items: ${[...reasons].map(([reason, count]) => `${count} × ${reason}`).join('; ')}`);
	console.log(`BENCH ${JSON.stringify(result)}`);
}

/** The side-by-side send cases as `BENCH {json}` lines too. */
export function printSendBenchLine(figures: SendFigures, cap: number, messages: number, mode: string): void {
	const result = {
		case: figures.label,
		mode,
		cap,
		executions: 1,
		messages,
		wholeRunRatio: round(figures.unique / (cap * figures.wallSeconds)),
		sendingRatio: round(figures.sendingRate / cap),
		failed: figures.failed,
		duplicates: figures.duplicated,
		throttled: figures.throttled,
		throttledPerMessage: round(figures.throttled / messages, 4),
		worstReadinessMs: Math.round(figures.responsiveness.worstMs),
	};
	console.log(`BENCH ${JSON.stringify(result)}`);
}
