/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false, tsconfig: { isolatedModules: true, module: 'commonjs' } }] },
	setupFiles: ['<rootDir>/test/harness/jestEnv.ts'],
	globalSetup: '<rootDir>/test/harness/globalSetup.ts',
	testTimeout: 60_000,
};
