/**
 * What every end-to-end file needs: one real n8n with the package installed as a marketplace install, an in-process
 * emulator standing in for Meta (so tests can read its state), a credential, and helpers to build and run workflows.
 * `const e2e = useN8n()` at the top of a file starts them before its tests and stops them after.
 *
 * The same file runs in either of n8n's modes, chosen by N8N_E2E_MODE: `regular` (default; `npm run test:e2e`) or
 * `queue` (`npm run test:e2e:queue`: Postgres, Redis, main, two workers and a webhook processor; manual runs go to the
 * workers, production webhooks to the webhook processor). Build webhook URLs with `e2e.webhookUrl()` and restart with
 * `e2e.n8n.restartWebhookProcess()`, so a case holds in both.
 *
 * The same files run in n8n 1.x too (N8N_RUNTIME_LINE=1, set by jest.e2e.n8n1.config.js: `npm run test:e2e:n8n1`):
 * scripts/n8n/lines.js hides what differs (activate instead of publish, the whole workflow on a manual run).
 */
import { randomUUID } from 'node:crypto';

import { startEmulator, type EmulatorOptions, type GraphEmulator } from '../emulator/server';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startN8n, PACKAGE_NAME } = require('../../scripts/n8n/instance');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CREDENTIAL_TYPE, credentialData, loadExamples } = require('../../scripts/sandbox/common');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LINE } = require('../../scripts/n8n/runtime');

export { CREDENTIAL_TYPE, loadExamples };

export type Json = Record<string, any>;
export type N8nMode = 'regular' | 'queue';
/** The mode this run's n8n is started in (N8N_E2E_MODE; jest.e2e.queue.config.js sets `queue`). */
export const N8N_MODE: N8nMode = process.env.N8N_E2E_MODE === 'queue' ? 'queue' : 'regular';
/** The major version of the n8n this run starts: 2 (default) or 1 (N8N_RUNTIME_LINE=1; jest.e2e.n8n1.config.js). */
export const N8N_LINE: 1 | 2 = LINE;
/** `describe` in the given mode only; elsewhere the block is skipped and says so in one line. */
export function describeInMode(mode: N8nMode, name: string, fn: () => void): void {
	if (N8N_MODE === mode) return describe(name, fn);
	describe.skip(`${name} (${mode} mode only, N8N_E2E_MODE=${mode})`, fn);
}
export const NODE = `${PACKAGE_NAME}.whatsAppBusinessPlatform`;
export const TRIGGER = `${PACKAGE_NAME}.whatsAppBusinessPlatformTrigger`;
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Step {
	name: string;
	parameters: Json;
	/** Name of the node feeding this one (default: the manual trigger). */
	after?: string;
	type?: string;
	typeVersion?: number;
	executeOnce?: boolean;
}

export interface RunResult {
	execution: Json;
	out: (node: string) => Json[];
	error: (node: string) => string | undefined;
}

export interface E2e {
	emulator: GraphEmulator;
	/** The running n8n (scripts/n8n/instance.js). */
	n8n: any;
	credential: { id: string; name: string };
	mode: N8nMode;
	/** A production webhook URL of a trigger node: main's in regular mode, the webhook processor's in queue mode. */
	webhookUrl(webhookId: string, path?: string): string;
	timings: Array<[string, number]>;
	timed<T>(label: string, fn: () => Promise<T>): Promise<T>;
	manualWorkflow(name: string, steps: Step[]): Json;
	/** Creates the workflow through the public API, runs it as the editor does, returns the finished execution. */
	run(workflow: Json, timeoutMs?: number): Promise<RunResult>;
}

export function useN8n(options: { emulator?: EmulatorOptions; n8nEnv?: Record<string, string> } = {}): E2e {
	const e2e = { timings: [], mode: N8N_MODE } as unknown as E2e;
	e2e.webhookUrl = (webhookId, path = 'webhook') => `${e2e.n8n.webhookBaseUrl}/${webhookId}/${path}`;
	e2e.timed = async (label, fn) => {
		const t0 = Date.now();
		try {
			return await fn();
		} finally {
			e2e.timings.push([label, Date.now() - t0]);
		}
	};
	e2e.manualWorkflow = (name, steps) => manualWorkflow(e2e.credential, name, steps);
	e2e.run = async (workflow, timeoutMs = 120_000) => {
		const wf = await e2e.n8n.createWorkflow(workflow);
		const executionId = await e2e.n8n.runManual(wf.id, workflow.nodes[0].name);
		const execution = await e2e.n8n.waitForExecution(executionId, { timeoutMs });
		const runData = execution.data.resultData.runData as Json;
		return {
			execution,
			out: (node) => (runData[node]?.[0]?.data?.main?.[0] ?? []).map((item: Json) => item.json),
			error: (node) => runData[node]?.[0]?.error?.message,
		};
	};

	beforeAll(async () => {
		// The emulator checks bodies against Meta's spec where ../shared/specs is beside the clone, and says once when not.
		e2e.emulator = await startEmulator({ rateLimits: { messagesPerSecond: 1000, pairBurst: 10_000 }, ...options.emulator });
		e2e.n8n = await e2e.timed(`start n8n ${N8N_LINE}.x (${N8N_MODE} mode)`, () => startN8n({ mode: N8N_MODE, log: () => undefined, env: options.n8nEnv }));
		const created = await e2e.n8n.createCredential('WhatsApp (e2e emulator)', CREDENTIAL_TYPE, credentialData(e2e.emulator.url, e2e.emulator.ids));
		e2e.credential = { id: created.id, name: created.name };
	}, N8N_MODE === 'queue' ? 420_000 : 240_000);

	afterAll(async () => {
		if (e2e.n8n) await e2e.n8n.stop();
		if (e2e.emulator) await e2e.emulator.stop();
		// eslint-disable-next-line no-console
		console.log(e2e.timings.map(([label, ms]) => `${label.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(7)} s`).join('\n'));
	});

	return e2e;
}

export function manualWorkflow(credential: { id: string; name: string }, name: string, steps: Step[]): Json {
	const nodes: Json[] = [{ id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
	const connections: Json = {};
	steps.forEach((step, index) => {
		const type = step.type ?? NODE;
		nodes.push({
			id: randomUUID(),
			name: step.name,
			type,
			typeVersion: step.typeVersion ?? 1,
			position: [240 * (index + 1), 0],
			parameters: step.parameters,
			...(type.startsWith(NODE) ? { credentials: { [CREDENTIAL_TYPE]: credential } } : {}),
			...(step.executeOnce ? { executeOnce: true } : {}),
		});
		const from = step.after ?? 'Start';
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: step.name, type: 'main', index: 0 });
	});
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** A workflow holding one WhatsApp Business Platform Trigger named "Trigger", with `parameters` over `{options: {}}`. */
export function triggerWorkflow(credential: { id: string; name: string }, name: string, parameters: Json, webhookId: string = randomUUID()) {
	const trigger = { id: randomUUID(), name: 'Trigger', type: TRIGGER, typeVersion: 1, position: [0, 0], webhookId, credentials: { [CREDENTIAL_TYPE]: credential }, parameters: { options: {}, ...parameters } };
	return { webhookId, workflow: { name, nodes: [trigger], connections: {}, settings: { executionOrder: 'v1' } } as Json };
}

export function expectNoErrors(result: RunResult): void {
	const runData = result.execution.data.resultData.runData as Json;
	const errors = Object.entries(runData)
		.filter(([, runs]) => (runs as Json[])[0]?.error)
		.map(([node, runs]) => `${node}: ${(runs as Json[])[0].error.message} ${(runs as Json[])[0].error.description ?? ''}`);
	expect(errors).toEqual([]);
	expect(result.execution.status).toBe('success');
}
