// The unit suite against n8n 1.x's n8n-core + n8n-workflow, installed by scripts/test-n8n1-core.js (npm run test:n8n1-core)
// into a folder outside the clone (N8N1_CORE_DIR). n8n's packages resolve there for the tests, the harness and the
// node code alike; everything else (jest, ts-jest, axios, the emulator's packages) still comes from node_modules.
const path = require('node:path');
const base = require('./jest.config');

const dir = process.env.N8N1_CORE_DIR;
if (!dir) throw new Error('N8N1_CORE_DIR is not set: run the suite through `npm run test:n8n1-core`');
const modules = path.join(path.resolve(dir), 'node_modules');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	moduleNameMapper: {
		'^(n8n-core|n8n-workflow|@n8n/[^/]+)$': `${modules}/$1`,
		'^(n8n-core|n8n-workflow|@n8n/[^/]+)/(.*)$': `${modules}/$1/$2`,
	},
	setupFiles: [...base.setupFiles, '<rootDir>/test/harness/n8nVersionCheck.ts'],
};
