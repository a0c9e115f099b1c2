/**
 * The e2e files whose cases matter across processes, in n8n's queue mode (`npm run test:e2e:queue`): Postgres, Redis,
 * main, two workers and a webhook processor (scripts/n8n/queue.js). test/e2e/support.ts reads the mode, so each file
 * is the same one `npm run test:e2e` runs in regular mode. Name files on the command line to run fewer.
 */
process.env.N8N_E2E_MODE = 'queue';
const base = require('./jest.e2e.config');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	// Not stop.e2e.test.ts yet: in queue mode main saves a stopped execution as cancelled itself, from what the database
	// holds (n8n's ExecutionService.stopInScalingMode), so the Stop record a worker keeps in the execution's custom data
	// is lost. queue.e2e.test.ts checks that Stop from main ends a send on a worker.
	testMatch: ['**/test/e2e/{queue,n8n,duplicates,sendAndWait,concurrency}.e2e.test.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	testTimeout: 600_000,
};
