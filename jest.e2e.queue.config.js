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
	testMatch: ['**/test/e2e/{queue,n8n,duplicates,sendAndWait,concurrency,stop}.e2e.test.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	testTimeout: 600_000,
};
