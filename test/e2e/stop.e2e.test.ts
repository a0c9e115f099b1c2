/**
 * Stop during a send, in a real n8n, regular and queue mode: after Stop nothing more reaches "Meta" (the emulator), and
 * the node's record (which items were accepted, with their message IDs, which may have been, which were not sent) is
 * where n8n 2.41 keeps it:
 * - in n8n's log, in both modes: the log of the process that ran the node (main in regular mode, a worker in queue mode);
 * - in regular mode also in the execution's custom data, the one part of a cancelled execution n8n keeps besides its
 *   status (node output is not saved).
 * In queue mode n8n 2.41 keeps no custom data for a stopped execution, and whether the saved run data carries the
 * record depends on which of two saves lands last (README, "Stop means stop"); the queue-mode case pins both facts, so
 * a change in n8n shows up here.
 */
import * as fs from 'node:fs';

import { byId, N8N_LINE, sleep, useN8n, type Json } from './support';
import { itemsIn } from '../messaging/stopRecord';

const e2e = useN8n();
const COUNT = 3000;

interface StopRecord {
	summary: string;
	accepted: number[];
	uncertain: number[];
	notSent: number[];
}

/** The record the node logs at Stop, from the one n8n process whose log names this execution. */
async function loggedRecord(executionId: string): Promise<{ record: StopRecord; process: string; messageIds: Map<number, string> }> {
	const marker = `Execution ${executionId}, node "Send": `;
	const deadline = Date.now() + 15_000;
	for (;;) {
		const found = (e2e.n8n.processes as Array<{ name: string; logFile: string }>).flatMap(({ name, logFile }) => {
			const text = fs.readFileSync(logFile, 'utf8');
			const start = text.indexOf(marker);
			const last = start < 0 ? -1 : text.indexOf('\nNot sent: ', start);
			if (last < 0) return [];
			const end = text.indexOf('\n', last + 1);
			return [{ name, block: text.slice(start + marker.length, end < 0 ? undefined : end) }];
		});
		if (found.length > 1) throw new Error(`the Stop record of execution ${executionId} is in ${found.map((f) => f.name).join(' and ')}`);
		if (found.length === 1) {
			const { name, block } = found[0];
			const messageIds = new Map([...block.matchAll(/^item (\d+): (\S+)$/gm)].map((m) => [Number(m[1]), m[2]] as [number, string]));
			const record = {
				summary: block.slice(0, block.indexOf('\n')),
				accepted: [...messageIds.keys()],
				uncertain: itemsIn(/^May have been sent: (.*)$/m.exec(block)?.[1]),
				notSent: itemsIn(/^Not sent: (.*)$/m.exec(block)?.[1]),
			};
			return { record, process: name, messageIds };
		}
		if (Date.now() > deadline) throw new Error(`no Stop record of execution ${executionId} in any n8n log after 15 s`);
		await sleep(200);
	}
}

/** The record the node writes into custom data (`Send_stopped`, `Send_accepted_items`, …), if `metadata` holds it. */
function customDataRecord(metadata: Record<string, string> | undefined): StopRecord | undefined {
	if (!metadata?.Send_stopped) return undefined;
	return {
		summary: metadata.Send_stopped,
		accepted: itemsIn(metadata.Send_accepted_items),
		uncertain: itemsIn(metadata.Send_uncertain_items),
		notSent: itemsIn(metadata.Send_not_sent_items),
	};
}

const itemOf = (body: unknown) => Number(/ test (\d+)/.exec(JSON.stringify(body))?.[1]);

/**
 * Runs `workflow` (its messages say "<tag> test <item>"), presses Stop via REST once `stopWhen(requests so far)`, waits
 * for the cancelled execution, and returns what reached "Meta": the item of every request, and the message ID of every
 * accepted one.
 */
async function runAndStop(workflow: Json, tag: string, stopWhen: (sent: number) => boolean) {
	const { ids } = e2e.emulator;
	const before = e2e.emulator.state.acceptedMessages.length;
	const ours = (body: unknown) => JSON.stringify(body).includes(`${tag} test `);
	const reached = () => e2e.emulator.calls('POST', `/${ids.phoneNumberId}/messages`).flatMap((call) => (ours(call.body) ? [itemOf(call.body)] : []));
	const wf = await e2e.n8n.createWorkflow(workflow);
	const executionId: string = await e2e.n8n.runManual(wf.id, 'Start');
	const deadline = Date.now() + 120_000;
	while (!stopWhen(reached().length)) {
		if (Date.now() > deadline) throw new Error(`only ${reached().length} messages after 120 s`);
		await sleep(20);
	}
	const stoppedAt = Date.now();
	await e2e.n8n.rest('POST', `/executions/${executionId}/stop`);
	const execution = (await e2e.n8n.waitForExecution(executionId, { timeoutMs: 60_000 })) as Json;
	const atStop = reached().length;
	await sleep(3000); // requests already on their way, and (queue mode) the worker's own save of the execution
	const afterWait = reached();
	const acceptedByMeta = new Map(
		e2e.emulator.state.acceptedMessages
			.slice(before)
			.filter((message) => ours(message.body))
			.map((message) => [itemOf(message.body), message.id]),
	);
	return { executionId, execution, stoppedAt, atStop, reached: afterWait, acceptedByMeta };
}

describe(`Stop during a send (real n8n, ${e2e.mode} mode)`, () => {
	it(`${COUNT.toLocaleString('en')} messages at 40/s, stopped via REST after ~100 accepted: nothing more is sent, the record is where n8n keeps it`, async () => {
		const { ids } = e2e.emulator;
		const workflow = e2e.manualWorkflow('e2e stop', [
			{
				name: 'Recipients',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: { jsCode: `return Array.from({ length: ${COUNT} }, (_, i) => ({ json: { to: '1555' + String(3000000 + i), n: i } }));` },
			},
			{
				name: 'Send',
				after: 'Recipients',
				parameters: { resource: 'message', operation: 'send', wabaId: byId(ids.wabaId), phoneNumberId: byId(ids.phoneNumberId), to: '={{ $json.to }}', messageType: 'text', textBody: '=Stop test {{ $json.n }}', messagesPerSecond: 40 },
			},
		]);
		const { executionId, execution, stoppedAt, atStop, reached, acceptedByMeta } = await runAndStop(workflow, 'Stop', (sent) => sent >= 100);

		expect(execution.status).toBe('canceled');
		// Requests already on their way at Stop may still land; after that, nothing.
		expect(reached.length).toBe(atStop);
		expect(reached.length).toBeLessThan(200);
		const reachedSet = new Set(reached);
		expect(reached.length).toBe(reachedSet.size); // nothing twice
		const expectTrue = (record: StopRecord) => {
			expect(record.summary).toMatch(new RegExp(`^Stopped: ${record.accepted.length} of ${COUNT} accepted by WhatsApp, ${record.uncertain.length} may have been .* ${record.notSent.length} not sent`));
			expect(record.accepted.length + record.uncertain.length + record.notSent.length).toBe(COUNT);
			expect(record.accepted.length).toBeGreaterThanOrEqual(90);
			for (const item of record.accepted) expect(acceptedByMeta.has(item)).toBe(true); // "accepted" is true
			for (const item of record.notSent) expect(reachedSet.has(item)).toBe(false); // "not sent" is true
			for (const item of reachedSet) expect(record.accepted.includes(item) || record.uncertain.includes(item)).toBe(true); // nothing unaccounted for
		};

		// In both modes: n8n's log, from the process that ran the node, with every accepted message's ID.
		const { record: logged, process, messageIds } = await loggedRecord(executionId);
		expectTrue(logged);
		expect(process).toEqual(e2e.mode === 'queue' ? expect.stringMatching(/^worker-/) : 'main');
		for (const [item, messageId] of messageIds) expect(messageId).toBe(acceptedByMeta.get(item));

		// The saved execution, read back the way the editor's executions view and the public API read it.
		const saved = (await e2e.n8n.rest('GET', `/executions/${executionId}`)) as Json;
		const viaPublicApi = (await e2e.n8n.api('GET', `/executions/${executionId}?includeData=true`)) as Json;
		const inCustomData = customDataRecord(saved.customData);
		const inRunData = customDataRecord(viaPublicApi.data?.resultData?.metadata);
		if (e2e.mode === 'regular') {
			expect(inCustomData).toEqual(logged);
			expect(viaPublicApi.customData).toEqual(saved.customData);
		} else {
			// n8n 2.41 writes custom data (table execution_metadata) only from main's hook after the job finished, which a
			// stopped job never does. If this fails, n8n keeps it now: update README "Stop means stop" and this case.
			expect(saved.customData ?? {}).toEqual({});
			expect(viaPublicApi.customData ?? {}).toEqual({});
			// The saved run data is either the worker's save (with the record) or main's, from what the database held at
			// Stop (without the Send node's run): whichever landed last.
			if (inRunData) expect(inRunData).toEqual(logged);
			else expect(Object.keys(viaPublicApi.data?.resultData?.runData ?? {})).not.toContain('Send');
		}

		// eslint-disable-next-line no-console
		console.log(
			`Stop (${e2e.mode} mode): pressed after ${atStop} requests; ${logged.accepted.length} accepted, ${logged.uncertain.length} uncertain, ${logged.notSent.length} not sent; ` +
				`execution saved as ${execution.status} ${((Date.parse(execution.stoppedAt) - stoppedAt) / 1000).toFixed(2)} s after Stop; record in the log of ${process}; ` +
				`custom data: ${JSON.stringify(saved.customData)}; in the saved run data: ${inRunData ? 'yes (the worker saved last)' : 'no'}`,
		);
	});

	// The workaround for queue mode on n8n 2.x. Not on n8n 1.x (run in regular mode, where custom data keeps the record):
	// in one of three CI runs n8n 1.123.81 left the stopped batch execution 'running' for over a minute.
	const onLineTwo = N8N_LINE === 2 ? it : it.skip;
	onLineTwo('sent in batches (Loop Over Items) with "Save execution progress" on: every batch finished before Stop is saved with its message IDs, the log has the running one', async () => {
		const { ids } = e2e.emulator;
		const BATCH = 40;
		const workflow = e2e.manualWorkflow('e2e stop, batches', [
			{
				name: 'Recipients',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: { jsCode: `return Array.from({ length: 600 }, (_, i) => ({ json: { to: '1555' + String(4000000 + i), n: i } }));` },
			},
			{ name: 'Loop', after: 'Recipients', type: 'n8n-nodes-base.splitInBatches', typeVersion: 3, parameters: { batchSize: BATCH, options: {} } },
			{
				name: 'Send',
				after: 'Loop',
				parameters: { resource: 'message', operation: 'send', wabaId: byId(ids.wabaId), phoneNumberId: byId(ids.phoneNumberId), to: '={{ $json.to }}', messageType: 'text', textBody: '=Batch test {{ $json.n }}', messagesPerSecond: BATCH },
			},
		]);
		// Loop Over Items: output 0 is "done", output 1 the next batch, which goes to Send and back.
		workflow.connections.Loop = { main: [[], [{ node: 'Send', type: 'main', index: 0 }]] };
		workflow.connections.Send = { main: [[{ node: 'Loop', type: 'main', index: 0 }]] };
		workflow.settings.saveExecutionProgress = true;
		// Stop in the middle of the fourth batch, well after the third one's progress was saved.
		const { executionId, execution, atStop, reached, acceptedByMeta } = await runAndStop(workflow, 'Batch', (sent) => sent >= 3 * BATCH + BATCH / 2);

		expect(execution.status).toBe('canceled');
		expect(reached.length).toBe(atStop);

		const { record: logged, messageIds } = await loggedRecord(executionId);
		const viaPublicApi = (await e2e.n8n.api('GET', `/executions/${executionId}?includeData=true`)) as Json;
		const savedIds = ((viaPublicApi.data?.resultData?.runData?.Send ?? []) as Json[]).flatMap((run) =>
			((run.data?.main?.[0] ?? []) as Json[]).map((item) => item.json.messages?.[0]?.id as string),
		);
		const loggedIds = [...messageIds.values()];
		const metaIds = new Set(acceptedByMeta.values());

		expect(savedIds.length).toBeGreaterThanOrEqual(3 * BATCH); // the three finished batches
		// When the worker's save lands last (queue mode), the saved output may also hold the stopped batch's, as the log does.
		const inBoth = loggedIds.filter((id) => savedIds.includes(id)).length;
		for (const id of [...savedIds, ...loggedIds]) expect(metaIds.has(id)).toBe(true);
		expect(new Set(savedIds).size).toBe(savedIds.length);
		// Every message Meta accepted is in the saved output or in the log, but for those the log counts as "may have been sent".
		const known = new Set([...savedIds, ...loggedIds]);
		const unknown = [...metaIds].filter((id) => !known.has(id));
		expect(unknown.length).toBeLessThanOrEqual(logged.uncertain.length);

		// eslint-disable-next-line no-console
		console.log(`Stop in batches (${e2e.mode} mode): ${metaIds.size} accepted by Meta; ${savedIds.length} in the saved output, ${loggedIds.length} in the log (${inBoth} in both; running batch: ${logged.summary.slice(0, 60)}…), ${unknown.length} only counted as uncertain`);
	});
});
