/** End-to-end tests in a real n8n (scripts/n8n): `npm run test:e2e`. One n8n for the suite, tests run in band. */
/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	// Queue-mode only (jest.e2e.queue.config.js).
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/queue\\.e2e\\.test\\.ts$'],
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false, tsconfig: { isolatedModules: true, module: 'commonjs' } }] },
	maxWorkers: 1,
	testTimeout: 300_000,
	slowTestThreshold: 600,
	verbose: true,
};
