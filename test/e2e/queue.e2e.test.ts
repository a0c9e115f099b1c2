/**
 * What only queue mode has (`npm run test:e2e:queue`): executions run on the workers, and binary data written by a
 * worker is read back by main. The cases every mode shares (every resource, trigger with handshake, signed/tampered
 * events, 1,000 sends, duplicates, Stop during a send) run in queue mode too, from their own files, through
 * jest.e2e.queue.config.js.
 */
import fs from 'node:fs';

import { byId, describeInMode, expectNoErrors, useN8n, type Json } from './support';

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
});
