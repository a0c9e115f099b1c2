/**
 * Stop during a send, in a real n8n: after Stop nothing more reaches "Meta" (the emulator), and the saved (cancelled)
 * execution says which items were accepted, which may have been, and which were not sent — in its custom data, the
 * one part of a cancelled execution n8n keeps besides its status (node output is not saved).
 */
import { byId, sleep, useN8n, type Json } from './support';
import { itemsIn } from '../messaging/stopRecord';

const e2e = useN8n();

describe('Stop during a send (real n8n)', () => {
	it('3,000 messages at 40/s, stopped via REST after ~100 accepted: nothing more is sent, the record is in the saved execution', async () => {
		const { ids } = e2e.emulator;
		const COUNT = 3000;
		const before = e2e.emulator.state.acceptedMessages.length;
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
		const wf = await e2e.n8n.createWorkflow(workflow);
		const executionId = await e2e.n8n.runManual(wf.id, 'Start');
		const sentSoFar = () => e2e.emulator.calls('POST', `/${ids.phoneNumberId}/messages`).filter((call) => /Stop test/.test(JSON.stringify(call.body))).length;
		const deadline = Date.now() + 120_000;
		while (sentSoFar() < 100) {
			if (Date.now() > deadline) throw new Error(`only ${sentSoFar()} messages after 120 s`);
			await sleep(50);
		}
		const stoppedAt = Date.now();
		await e2e.n8n.rest('POST', `/executions/${executionId}/stop`);
		const execution = (await e2e.n8n.waitForExecution(executionId, { timeoutMs: 60_000 })) as Json;
		const atStop = sentSoFar();
		await sleep(3000);
		const afterWait = sentSoFar();

		expect(execution.status).toBe('canceled');
		// Requests already on their way at Stop may still land; after that, nothing.
		expect(afterWait).toBe(atStop);
		expect(afterWait).toBeLessThan(200);

		// The record, read back from the saved execution the way the editor's executions view reads it.
		const saved = (await e2e.n8n.rest('GET', `/executions/${executionId}`)) as Json;
		const custom = (saved.customData ?? {}) as Record<string, string>;
		const viaPublicApi = (await e2e.n8n.api('GET', `/executions/${executionId}?includeData=true`)) as Json;
		const accepted = itemsIn(custom.Send_accepted_items);
		const uncertain = itemsIn(custom.Send_uncertain_items);
		const notSent = itemsIn(custom.Send_not_sent_items);
		expect(custom.Send_stopped).toMatch(/^Stopped: \d+ of 3000 accepted by WhatsApp/);
		expect(accepted.length + uncertain.length + notSent.length).toBe(COUNT);
		expect(accepted.length).toBeGreaterThanOrEqual(90);

		const reached = e2e.emulator.calls('POST', `/${ids.phoneNumberId}/messages`).flatMap((call) => {
			const match = /Stop test (\d+)/.exec(JSON.stringify(call.body));
			return match ? [Number(match[1])] : [];
		});
		const reachedSet = new Set(reached);
		const acceptedByMeta = new Set(
			e2e.emulator.state.acceptedMessages.slice(before).map((message) => Number(/Stop test (\d+)/.exec(JSON.stringify(message.body))?.[1])),
		);
		for (const item of accepted) expect(acceptedByMeta.has(item)).toBe(true); // "accepted" is true
		for (const item of notSent) expect(reachedSet.has(item)).toBe(false); // "not sent" is true
		for (const item of reachedSet) expect(accepted.includes(item) || uncertain.includes(item)).toBe(true); // nothing unaccounted for
		expect(reached.length).toBe(reachedSet.size); // and nothing twice

		// eslint-disable-next-line no-console
		console.log(
			`Stop: pressed after ${atStop} requests; ${accepted.length} accepted, ${uncertain.length} uncertain, ${notSent.length} not sent; ` +
				`execution saved as ${execution.status} ${((Date.parse(execution.stoppedAt) - stoppedAt) / 1000).toFixed(2)} s after Stop; ` +
				`custom data: ${JSON.stringify(custom)}; public API customData: ${JSON.stringify(viaPublicApi.customData)}`,
		);
	});
});
