/**
 * What only queue mode has (`npm run test:e2e:queue`): executions run on the workers, binary data written by a worker
 * is read back by main, and Stop sent to main ends a send running on a worker. The cases every mode shares (every
 * resource, trigger with handshake, signed/tampered events, 1,000 sends, duplicates) run in queue mode too, from their
 * own files, through jest.e2e.queue.config.js.
 */
import fs from 'node:fs';

import { byId, describeInMode, expectNoErrors, sleep, useN8n, type Json } from './support';

const e2e = useN8n();

const workerLogs = () => (e2e.n8n.processes as Array<{ name: string; logFile: string }>).filter((p) => p.name.startsWith('worker-')).map((p) => fs.readFileSync(p.logFile, 'utf8'));

describeInMode('queue', 'n8n queue mode: main, two workers, a webhook processor on Postgres and Redis', () => {
	it('runs manual executions on a worker, not on main', async () => {
		const result = await e2e.run(e2e.manualWorkflow('queue: account get', [{ name: 'Get', parameters: { resource: 'account', operation: 'get', wabaId: byId(e2e.emulator.ids.wabaId) } }]));
		expectNoErrors(result);
		expect(result.out('Get')).toEqual([expect.objectContaining({ id: e2e.emulator.ids.wabaId })]);
		const ranOn = workerLogs().filter((log) => log.includes(`Worker finished execution ${result.execution.id} `));
		expect(ranOn).toHaveLength(1);
		expect(fs.readFileSync(e2e.n8n.logFile, 'utf8')).not.toContain(`Worker finished execution ${result.execution.id} `);
	});

	it('media download -> upload through binary data on a worker; main reads the downloaded file from the database', async () => {
		const { ids } = e2e.emulator;
		const phone = { wabaId: byId(ids.wabaId), phoneNumberId: byId(ids.phoneNumberId) };
		const bytes = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 131 + 7) % 256));
		const result = await e2e.timed('queue: media round trip', () =>
			e2e.run(
				e2e.manualWorkflow('queue: media round trip', [
					{
						name: 'File',
						type: 'n8n-nodes-base.code',
						typeVersion: 2,
						parameters: { jsCode: `return [{ json: {}, binary: { data: { data: '${bytes.toString('base64')}', mimeType: 'application/pdf', fileName: 'invoice.pdf' } } }];` },
					},
					{ name: 'Upload', after: 'File', parameters: { resource: 'media', operation: 'upload', ...phone, binaryPropertyName: 'data' } },
					{ name: 'Download', after: 'Upload', parameters: { resource: 'media', operation: 'download', ...phone, mediaId: '={{ $json.id }}' } },
					{ name: 'Upload again', after: 'Download', parameters: { resource: 'media', operation: 'upload', ...phone, binaryPropertyName: 'data' } },
				]),
			),
		);
		expectNoErrors(result);
		const [first] = result.out('Upload');
		const [second] = result.out('Upload again');
		expect(second.id).not.toEqual(first.id);
		expect(e2e.emulator.state.mediaBytes.get(String(first.id))).toEqual(bytes);
		expect(e2e.emulator.state.mediaBytes.get(String(second.id))).toEqual(bytes);

		const downloaded = (result.execution.data.resultData.runData as Json).Download[0].data.main[0][0].binary.data;
		// Queue mode keeps binary data in the database by default; main serves what the worker wrote.
		expect(downloaded.id).toMatch(/^database:/);
		expect(await e2e.n8n.binaryData(downloaded.id)).toEqual(bytes);
	});

	it('Stop sent to main ends a send running on a worker: the execution is cancelled and nothing more is accepted', async () => {
		const { ids } = e2e.emulator;
		const COUNT = 3000;
		const before = e2e.emulator.state.acceptedMessages.length;
		const workflow = e2e.manualWorkflow('queue: stop during a send', [
			{
				name: 'Recipients',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: { jsCode: `return Array.from({ length: ${COUNT} }, (_, i) => ({ json: { to: '1555' + String(3000000 + i) } }));` },
			},
			{
				name: 'Send',
				after: 'Recipients',
				parameters: { resource: 'message', operation: 'send', wabaId: byId(ids.wabaId), phoneNumberId: byId(ids.phoneNumberId), to: '={{ $json.to }}', messageType: 'text', textBody: 'Stop me', messagesPerSecond: 50 },
			},
		]);
		const wf = await e2e.n8n.createWorkflow(workflow);
		const executionId = await e2e.n8n.runManual(wf.id, 'Start');
		const accepted = () => e2e.emulator.state.acceptedMessages.length - before;
		for (let i = 0; i < 600 && accepted() < 50; i++) await sleep(100);
		expect(accepted()).toBeGreaterThanOrEqual(50);

		await e2e.n8n.rest('POST', `/executions/${executionId}/stop`);
		const execution = await e2e.n8n.waitForExecution(executionId, { timeoutMs: 60_000 });
		expect(execution.status).toBe('canceled');
		const atStop = accepted();
		await sleep(3000);
		// eslint-disable-next-line no-console
		console.log(`queue Stop: ${atStop} of ${COUNT} accepted before the execution was cancelled, ${accepted() - atStop} after`);
		expect(accepted()).toBe(atStop);
		expect(atStop).toBeLessThan(COUNT);
	});
});
