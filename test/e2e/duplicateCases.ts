/**
 * Duplicate-delivery cases for a real n8n, written once and run in every mode: regular mode in
 * duplicates.e2e.test.ts, queue mode wherever the queue-mode e2e calls `duplicateCases` with its
 * own processes. Each case publishes its own trigger workflow and counts the executions n8n saved.
 */
import { randomUUID } from 'node:crypto';

import { incomingMessage, statusDelivery, type WebhookContextIds } from '../emulator/webhookEvents';
import type { GraphEmulator } from '../emulator/server';
import { CREDENTIAL_TYPE, TRIGGER, sleep, type Json } from './support';

export interface DuplicateEnv {
	emulator: GraphEmulator;
	/** The n8n that serves the API (main); scripts/n8n/instance.js. */
	n8n: any;
	credential: { id: string; name: string };
	/** Base of production webhook URLs (the webhook processor in queue mode); default: the main's. */
	webhookBaseUrl?: string;
	/** Restarts the process(es) that receive webhooks, so what they kept in memory is gone. */
	restartWebhookProcess?: () => Promise<void>;
	/** Queue mode: executions run on workers, not in the process that received the webhook. */
	queueMode?: boolean;
}

/** Trigger output items of an execution ([] when the trigger kept none). */
export const triggerItems = (execution: Json): Json[] => (execution.data?.resultData?.runData?.Trigger?.[0]?.data?.main?.[0] ?? []).map((item: Json) => item.json);

async function publishTrigger(env: DuplicateEnv) {
	const webhookId = randomUUID();
	const workflow = {
		name: `duplicates ${webhookId.slice(0, 8)}`,
		nodes: [
			{
				id: randomUUID(),
				name: 'Trigger',
				type: TRIGGER,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				credentials: { [CREDENTIAL_TYPE]: env.credential },
				parameters: { subscriptionMode: 'manual', events: ['messages', 'statuses'], options: {} },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	const wf = await env.n8n.createWorkflow(workflow);
	await env.n8n.publish(wf.id);
	const url = `${env.webhookBaseUrl ?? `${env.n8n.baseUrl}/webhook`}/${webhookId}/webhook`;
	// Publishing is asynchronous on the webhook side too: wait until the URL answers.
	for (let i = 0; i < 100; i++) {
		const probe = await fetch(url, { method: 'GET' });
		if (probe.status !== 404) break;
		await sleep(200);
	}
	return { id: String(wf.id), url };
}

/** Waits until n8n has saved at least `count` finished executions of the workflow, then a little longer for stragglers. */
async function executionsOf(env: DuplicateEnv, workflowId: string, count: number): Promise<Json[]> {
	const finished = (list: Json[]) => list.filter((e) => e.finished || ['success', 'error', 'crashed', 'canceled'].includes(e.status));
	for (let i = 0; i < 300; i++) {
		const list = (await env.n8n.listExecutions(workflowId, { includeData: true })) as Json[];
		if (finished(list).length >= count && finished(list).length === list.length) {
			await sleep(1500);
			return (await env.n8n.listExecutions(workflowId, { includeData: true })) as Json[];
		}
		await sleep(100);
	}
	return (await env.n8n.listExecutions(workflowId, { includeData: true })) as Json[];
}

export function duplicateCases(getEnv: () => DuplicateEnv): void {
	const ids = (): WebhookContextIds => ({ wabaId: getEnv().emulator.ids.wabaId, phoneNumberId: getEnv().emulator.ids.phoneNumberId, displayPhoneNumber: '15550100001' });

	it('a message and a status redelivered one after another start one execution each', async () => {
		const env = getEnv();
		const { id, url } = await publishTrigger(env);
		const message = incomingMessage('text', ids(), { text: { body: 'Is my order on its way?' } });
		const status = statusDelivery('read', ids());
		for (const payload of [message, message, status, message, status]) {
			expect((await env.emulator.sendWebhook(url, payload)).status).toBe(200);
		}
		const executions = await executionsOf(env, id, 2);
		expect(executions).toHaveLength(2);
		expect(executions.flatMap(triggerItems).map((item) => item.eventType).sort()).toEqual(['message', 'status']);
	});

	it('5 copies of one message at the same moment start one execution', async () => {
		const env = getEnv();
		const { id, url } = await publishTrigger(env);
		const message = incomingMessage('image', ids());
		const responses = await Promise.all(Array.from({ length: 5 }, () => env.emulator.sendWebhook(url, message)));
		expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
		const executions = await executionsOf(env, id, 1);
		expect(executions).toHaveLength(1);
		expect(executions.flatMap(triggerItems)).toEqual([expect.objectContaining({ eventType: 'message', type: 'image' })]);
	});

	it('a copy more than 10 s later reaches no workflow step (regular mode: not even an execution)', async () => {
		const env = getEnv();
		const { id, url } = await publishTrigger(env);
		const message = incomingMessage('document', ids());
		expect((await env.emulator.sendWebhook(url, message)).status).toBe(200);
		expect(await executionsOf(env, id, 1)).toHaveLength(1);
		await sleep(11_000);
		expect((await env.emulator.sendWebhook(url, message)).status).toBe(200);
		const executions = await executionsOf(env, id, env.queueMode ? 2 : 1);
		// Queue mode: the webhook process never saw the execution start; n8n's duplicate record on the worker empties the run.
		expect(executions.map((execution) => triggerItems(execution).length).sort()).toEqual(env.queueMode ? [0, 1] : [1]);
	}, 60_000);

	it('after the webhook process restarts, a redelivered message reaches no workflow step (n8n\'s duplicate record)', async () => {
		const env = getEnv();
		if (!env.restartWebhookProcess) return;
		const { id, url } = await publishTrigger(env);
		const message = incomingMessage('location', ids());
		expect((await env.emulator.sendWebhook(url, message)).status).toBe(200);
		expect(await executionsOf(env, id, 1)).toHaveLength(1);
		await env.restartWebhookProcess();
		const after = getEnv();
		let status = 0;
		for (let i = 0; i < 100 && status !== 200; i++) {
			status = (await after.emulator.sendWebhook(url.replace(env.webhookBaseUrl ?? `${env.n8n.baseUrl}/webhook`, after.webhookBaseUrl ?? `${after.n8n.baseUrl}/webhook`), message)).status;
			if (status !== 200) await sleep(300);
		}
		expect(status).toBe(200);
		const executions = await executionsOf(after, id, 2);
		// The copy shows as a run whose trigger kept nothing, so no later step ran.
		expect(executions.map((execution) => triggerItems(execution).length).sort()).toEqual([0, 1]);
	}, 240_000);
}
