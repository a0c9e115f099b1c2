/**
 * "Drop Duplicates" in a real n8n, regular mode: redeliveries one after another, 5 copies at the same
 * moment, and a redelivery after n8n restarted. The same cases run in queue mode (see duplicateCases.ts).
 */
import fs from 'node:fs';

import { duplicateCases } from './duplicateCases';
import { useN8n } from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startN8n } = require('../../scripts/n8n/instance');

const e2e = useN8n();
const keptFolders: string[] = [];

afterAll(() => {
	for (const folder of keptFolders) fs.rmSync(folder, { recursive: true, force: true });
});

describe('Drop Duplicates in n8n regular mode', () => {
	duplicateCases(() => ({
		emulator: e2e.emulator,
		n8n: e2e.n8n,
		credential: e2e.credential,
		restartWebhookProcess: async () => {
			const { userFolder, port } = e2e.n8n;
			await e2e.n8n.stop({ keep: true });
			keptFolders.push(userFolder);
			e2e.n8n = await e2e.timed('restart n8n', () => startN8n({ userFolder, port, log: () => undefined }));
		},
	}));
});
