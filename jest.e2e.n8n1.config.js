/**
 * The e2e files in n8n 1.x (`npm run test:e2e:n8n1`): n8n 1.123.81 on Node 22 from the runtime cache
 * (scripts/n8n/runtime.js with N8N_RUNTIME_LINE=1), regular mode. scripts/n8n/lines.js hides what differs on 1.x
 * (activate instead of publish, the whole workflow on a manual run), so each file is the one `npm run test:e2e` runs on
 * 2.x; test/e2e/support.ts exports N8N_LINE for the few lines that differ. Name files on the command line to run fewer.
 */
process.env.N8N_RUNTIME_LINE = '1';
const base = require('./jest.e2e.config');

/** @type {import('jest').Config} */
module.exports = { ...base };
