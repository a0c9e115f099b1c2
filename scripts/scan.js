#!/usr/bin/env node
// `npm run scan`: n8n's community-package scanner (@n8n/scan-community-package), offline, on what would be published.
// The scanner itself downloads the package and its provenance-attested GitHub source before linting them; here its
// analysis runs on the same two things taken locally: the sources (package.json, nodes/, credentials/ with every
// eslint-plugin-n8n-nodes-base rule) and the `npm pack` tarball (compiled .js and the published package.json).
// The scanner is installed once into a cache folder beside the n8n runtime, not as a devDependency.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const { cleanEnv } = require('./n8n/runtime');
const { SCANNER_DIR, SCANNER_MODULE, SCANNER_VERSION, importScanner } = require('./scanner');

const ROOT = path.resolve(__dirname, '..');
const STAMP = path.join(SCANNER_DIR, 'stamp.json');

function ensureScanner() {
	try {
		if (JSON.parse(fs.readFileSync(STAMP, 'utf8')).version === SCANNER_VERSION && fs.existsSync(SCANNER_MODULE)) return;
	} catch {}
	console.log(`Installing n8n's package scanner ${SCANNER_VERSION} into ${SCANNER_DIR} (once, ~20 s)…`);
	fs.rmSync(SCANNER_DIR, { recursive: true, force: true });
	fs.mkdirSync(SCANNER_DIR, { recursive: true });
	fs.writeFileSync(path.join(SCANNER_DIR, 'package.json'), JSON.stringify({ name: 'scanner-runtime', private: true }, null, 2));
	const args = ['install', `@n8n/scan-community-package@${SCANNER_VERSION}`, '--save-exact', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
	const res = spawnSync('npm', args, { cwd: SCANNER_DIR, env: cleanEnv(), stdio: 'inherit' });
	if (res.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${SCANNER_DIR}`);
	fs.writeFileSync(STAMP, JSON.stringify({ version: SCANNER_VERSION, installedAt: new Date().toISOString() }, null, 2));
}

function packTarball(into) {
	if (!fs.existsSync(path.join(ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first (`npm run scan` does).');
	const [{ filename, files }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', into], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8' }));
	const dir = path.join(into, 'package');
	fs.mkdirSync(dir);
	execFileSync('tar', ['-xzf', path.join(into, filename), '-C', dir, '--strip-components=1']);
	return { dir, filename, fileCount: files.length };
}

async function main() {
	ensureScanner();
	const scanner = await importScanner();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
	try {
		const tarball = packTarball(work);
		console.log(`Scanning the sources (${scanner.SOURCE_FILE_PATTERNS.join(', ')}) and ${tarball.filename} (${tarball.fileCount} files) with @n8n/scan-community-package ${SCANNER_VERSION}, offline`);
		// The same two legs and file patterns as the scanner's analyzePackageByName, minus the downloads.
		const legs = [
			['sources', await scanner.analyzePackage(ROOT, scanner.SOURCE_FILE_PATTERNS)],
			['tarball', await scanner.analyzePackage(tarball.dir, ['**/*.js', 'package.json'])],
		];
		let passed = true;
		for (const [name, result] of legs) {
			console.log(`${result.passed ? '✅' : '❌'} ${name}: ${result.passed ? 'no violations' : result.message}`);
			if (result.details) console.log(result.details);
			passed &&= result.passed;
		}
		console.log(passed ? 'The package passes the scanner’s analysis.' : 'The scanner would refuse the package; fix the violations above.');
		process.exitCode = passed ? 0 : 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
