// Where `npm run scan` keeps n8n's community-package scanner (installed once beside the n8n runtime, not as a
// devDependency), and the scanner's own lint rules for `npm run lint` when that install is there.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');

const SCANNER_VERSION = '0.32.0';
const ROOT = path.resolve(__dirname, '..');
const SCANNER_DIR = process.env.N8N_SCANNER_DIR
	? path.resolve(process.env.N8N_SCANNER_DIR)
	: process.env.N8N_RUNTIME_DIR
		? path.join(path.dirname(path.resolve(process.env.N8N_RUNTIME_DIR)), 'scanner')
		: path.join(ROOT, '.cache', 'scanner');
// Where .ci/run keeps it by default, for a lint run in a shell without N8N_RUNTIME_DIR.
const CI_SCANNER_DIR = path.join(os.homedir(), '.cache', 'n8n-nodes-whatsapp-business-platform', 'scanner');

const scannerModule = (dir) => path.join(dir, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');

/** The scanner's module; its `tmp` folder (made on import) is removed when the process exits. */
async function importScanner(dir = SCANNER_DIR) {
	createRequire(scannerModule(dir))('tmp').setGracefulCleanup();
	return await import(pathToFileURL(scannerModule(dir)).href);
}

/**
 * The scanner's ESLint config minus what eslint.config.mjs already has (the community-nodes plugin, parsers): its
 * eslint-plugin-n8n-nodes-base rulesets with the scanner's own overrides, and no-console. Undefined when not installed.
 */
async function scannerLintConfig() {
	const dir = [SCANNER_DIR, CI_SCANNER_DIR].find((candidate) => fs.existsSync(scannerModule(candidate)));
	if (!dir) return undefined;
	const { buildScanConfig } = await importScanner(dir);
	return (await buildScanConfig()).filter((block) => !block.languageOptions && !block.plugins?.['@n8n/community-nodes']);
}

module.exports = { SCANNER_VERSION, SCANNER_DIR, SCANNER_MODULE: scannerModule(SCANNER_DIR), importScanner, scannerLintConfig };
