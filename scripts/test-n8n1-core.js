#!/usr/bin/env node
// The whole unit suite against n8n 1.x's n8n-core + n8n-workflow: the newest 1.x and the lowest supported 1.x.
// Each pair is installed once (npm registry only) into a cache folder outside the clone; jest.n8n1.config.js then
// resolves n8n-core, n8n-workflow and their @n8n peers from there. Extra arguments go to jest (e.g. a test file).
//   N8N1_CORE_CACHE  cache folder (default ~/.cache/n8n-nodes-whatsapp-business-platform/n8n-core-1.x)
//   N8N1_LINES       which lines to run: "newest", "lowest" or "newest,lowest" (default)
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

// n8n release → the n8n-workflow / n8n-core it depends on (`npm view n8n@X dependencies`).
const LINES = {
	newest: { n8n: '1.123.81', workflow: '1.120.31', core: '1.122.48' },
	lowest: { n8n: '1.85.3', workflow: '1.83.0', core: '1.84.0' },
};
const ROOT = path.resolve(__dirname, '..');
const CACHE = path.resolve(process.env.N8N1_CORE_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-whatsapp-business-platform', 'n8n-core-1.x'));

// Under `npm run`, npm exports the repository's config (local_prefix, lifecycle variables): keep it out of our npm call.
function cleanEnv() {
	const env = {};
	const drop = /^(npm_lifecycle_|npm_package_|npm_config_(local_prefix|prefix)$)/i;
	for (const [key, value] of Object.entries(process.env)) if (!drop.test(key) && key !== 'INIT_CWD') env[key] = value;
	return env;
}

function run(cmd, args, options) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { stdio: 'inherit', ...options });
		child.on('error', reject);
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
	});
}

function installedVersion(dir, name) {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
	} catch {
		return undefined;
	}
}

/** Installs the pair once; a later run finds the stamp and returns at once. */
async function ensureInstalled(line) {
	const dir = path.join(CACHE, `n8n-${line.n8n}`);
	const stamp = path.join(dir, 'stamp.json');
	const wanted = JSON.stringify(line);
	if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) return dir;
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const manifest = { name: 'n8n-core-1x-cache', private: true, dependencies: { 'n8n-core': line.core, 'n8n-workflow': line.workflow } };
	fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, '\t')}\n`);
	console.log(`   installing n8n-core ${line.core} + n8n-workflow ${line.workflow} (n8n ${line.n8n}) into ${dir}`);
	// Install scripts stay off: n8n-workflow's isolated-vm and ssh2's cpu-features are native builds the tests do not use.
	const args = ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'];
	const code = await run('npm', args, { cwd: dir, env: cleanEnv() });
	if (code !== 0) throw new Error(`npm install in ${dir} failed (exit ${code})`);
	for (const name of ['n8n-core', 'n8n-workflow']) {
		const got = installedVersion(dir, name);
		const expected = name === 'n8n-core' ? line.core : line.workflow;
		if (got !== expected) throw new Error(`${dir} has ${name} ${got ?? '(none)'} instead of ${expected}`);
	}
	fs.writeFileSync(stamp, wanted);
	return dir;
}

function summaryOf(file) {
	try {
		const report = JSON.parse(fs.readFileSync(file, 'utf8'));
		return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests, total: report.numTotalTests };
	} catch {
		return undefined;
	}
}

async function main() {
	const names = (process.env.N8N1_LINES || 'newest,lowest').split(',').map((name) => name.trim()).filter(Boolean);
	for (const name of names) if (!LINES[name]) throw new Error(`N8N1_LINES: unknown line "${name}" (known: ${Object.keys(LINES).join(', ')})`);
	const started = Date.now();
	const dirs = await Promise.all(names.map((name) => ensureInstalled(LINES[name])));
	console.log(`   n8n-core 1.x packages ready in ${((Date.now() - started) / 1000).toFixed(0)} s (cache: ${CACHE})`);

	const results = [];
	for (const [index, name] of names.entries()) {
		const line = LINES[name];
		const dir = dirs[index];
		console.log(`\n== unit suite on ${name} 1.x: n8n ${line.n8n} → n8n-core ${installedVersion(dir, 'n8n-core')}, n8n-workflow ${installedVersion(dir, 'n8n-workflow')} (${dir})`);
		const report = path.join(os.tmpdir(), `n8n1-core-${process.pid}-${name}.json`);
		const env = { ...process.env, N8N1_CORE_DIR: dir, N8N1_EXPECT_CORE: line.core, N8N1_EXPECT_WORKFLOW: line.workflow };
		const jest = require.resolve('jest/bin/jest', { paths: [ROOT] });
		const lineStart = Date.now();
		// --forceExit: n8n-core 1.x leaves a handle open after the last test, so jest would not end by itself.
		const code = await run(process.execPath, [jest, '-c', 'jest.n8n1.config.js', '--forceExit', '--json', `--outputFile=${report}`, ...process.argv.slice(2)], { cwd: ROOT, env });
		results.push({ name, line, code, seconds: (Date.now() - lineStart) / 1000, summary: summaryOf(report) });
		fs.rmSync(report, { force: true });
	}

	console.log('\n== unit suite against n8n 1.x');
	for (const { name, line, code, seconds, summary } of results) {
		const counts = summary ? `${summary.passed}/${summary.total} passed, ${summary.failed} failed, ${summary.skipped} skipped` : 'no report';
		console.log(`   ${name.padEnd(6)} n8n ${line.n8n.padEnd(8)} n8n-core ${line.core.padEnd(8)} n8n-workflow ${line.workflow.padEnd(8)} ${counts}, ${seconds.toFixed(0)} s${code ? ' FAILED' : ''}`);
	}
	process.exitCode = results.some((result) => result.code !== 0) ? 1 : 0;
}

main().catch((error) => {
	console.error(error.message);
	process.exitCode = 1;
});
