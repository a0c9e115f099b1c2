#!/usr/bin/env node
// `npm start`: the sandbox. Installs what is missing (dev dependencies, a pinned Node 24 + n8n in .cache/runtime),
// builds the package, starts the Graph API emulator and n8n with this package loaded (loopback only), creates the
// owner, a credential pointing at the emulator and the example workflows, publishes the trigger examples, and
// prints how to log in. Ctrl-C stops both. State lives in .sandbox/ (kept between runs).
// Options: --n8n-port N (5678), --emulator-port N (4545); env SANDBOX_N8N_PORT, SANDBOX_EMULATOR_PORT.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const N8N_PORT = Number(option('--n8n-port') || process.env.SANDBOX_N8N_PORT || 5678);
const EMULATOR_PORT = Number(option('--emulator-port') || process.env.SANDBOX_EMULATOR_PORT || 4545);
const SANDBOX_DIR = path.join(ROOT, '.sandbox');
const USER_FOLDER = path.join(SANDBOX_DIR, 'n8n');

const t0 = Date.now();
const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const say = (msg) => console.log(`[sandbox ${secs().padStart(7)}] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let emulator;
let n8n;
let stopping = false;

async function stopAll(code) {
	if (stopping) return;
	stopping = true;
	say('stopping…');
	if (n8n) await n8n.stop({ graceMs: 10000 }).catch(() => {});
	if (emulator && emulator.exitCode === null) {
		const exited = new Promise((r) => emulator.once('exit', r));
		try {
			process.kill(-emulator.pid, 'SIGTERM');
		} catch {}
		await Promise.race([exited, sleep(3000)]);
		try {
			process.kill(-emulator.pid, 'SIGKILL');
		} catch {}
	}
	say('stopped');
	process.exit(code);
}

async function portFree(port) {
	const net = require('node:net');
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

async function startEmulator() {
	if (!(await portFree(EMULATOR_PORT))) throw new Error(`port ${EMULATOR_PORT} is in use (another sandbox or emulator?); pass --emulator-port N`);
	const logFile = path.join(SANDBOX_DIR, 'emulator.log');
	const out = fs.openSync(logFile, 'a');
	const tsNode = path.join(ROOT, 'node_modules', '.bin', 'ts-node');
	const env = { ...process.env, EMULATOR_PORT: String(EMULATOR_PORT), EMULATOR_LOG: '1' };
	// Meta's OpenAPI spec sits next to the repository (../shared/specs), not in it: without it, skip body validation.
	const spec = path.resolve(ROOT, '..', 'shared', 'specs', 'business-messaging-api_v23.0.yaml');
	if (!fs.existsSync(spec)) {
		say("note: Meta's API description (its OpenAPI file, which the maintainers keep outside this repository) is not here, so the emulator will not compare request bodies with it; it still checks the limits Meta documents, and everything in the sandbox works.");
		env.EMULATOR_VALIDATE_SPEC = '0';
	}
	delete env.NODE_OPTIONS;
	emulator = spawn(tsNode, ['--transpile-only', 'test/emulator/cli.ts'], { cwd: ROOT, env, detached: true, stdio: ['ignore', out, out] });
	fs.closeSync(out);
	process.on('exit', () => {
		try {
			process.kill(-emulator.pid, 'SIGKILL');
		} catch {}
	});
	const url = `http://127.0.0.1:${EMULATOR_PORT}`;
	for (let i = 0; i < 240; i++) {
		if (emulator.exitCode !== null) throw new Error(`the emulator exited (${emulator.exitCode}); see ${logFile}`);
		try {
			const res = await fetch(`${url}/_emulator/subscriptions`, { signal: AbortSignal.timeout(1000) });
			if (res.ok) return { url, logFile };
		} catch {}
		await sleep(250);
	}
	throw new Error(`the emulator did not answer on ${url}; see ${logFile}`);
}

async function main() {
	fs.mkdirSync(SANDBOX_DIR, { recursive: true });
	if (!(await portFree(N8N_PORT))) throw new Error(`port ${N8N_PORT} is in use (is a sandbox already running?); pass --n8n-port N`);

	say('checking the dev dependencies (the first run installs them, 1-2 min)…');
	execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'ensure-deps.js')], { cwd: ROOT, stdio: 'inherit' });
	// Required only now: instance.js needs nothing from node_modules, but keep the order obvious.
	const { ensureRuntime } = require('../n8n/runtime');
	const { startN8n, OWNER } = require('../n8n/instance');
	const { CREDENTIAL_TYPE, CREDENTIAL_NAME, TRIGGER_TYPE, EMULATOR_SEEDS, credentialData, loadExamples } = require('./common');

	say('Node 24 + n8n runtime (installed once into .cache/runtime, a few minutes the first time)…');
	const runtime = await ensureRuntime({ log: (m) => say(m) });
	say(`runtime ready: Node ${runtime.nodeVersion}, n8n ${runtime.n8nVersion}`);

	say('compiling the nodes from TypeScript (npm run build, 10-20 s; it prints nothing until it is done)…');
	const buildStart = Date.now();
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	execFileSync(npm, ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
	say(`nodes compiled in ${((Date.now() - buildStart) / 1000).toFixed(1)} s`);

	say(`starting the Graph API emulator (a stand-in for Meta's servers) on port ${EMULATOR_PORT}; it compiles first, a few seconds…`);
	const emu = await startEmulator();
	say(`emulator ready at ${emu.url} (log ${path.relative(ROOT, emu.logFile)})`);

	say(`starting n8n on port ${N8N_PORT} (user folder ${path.relative(ROOT, USER_FOLDER)})…`);
	n8n = await startN8n({ port: N8N_PORT, userFolder: USER_FOLDER, log: (m) => say(m) });
	say(`n8n ready (boot ${(n8n.times.boot / 1000).toFixed(1)} s)`);

	// Credential: reuse the one of an earlier run (its base URL names the emulator port of the first run).
	const credentials = await n8n.rest('GET', '/credentials');
	let credential = (Array.isArray(credentials) ? credentials : []).find((c) => c.name === CREDENTIAL_NAME && c.type === CREDENTIAL_TYPE);
	if (!credential) {
		credential = await n8n.createCredential(CREDENTIAL_NAME, CREDENTIAL_TYPE, credentialData(emu.url));
		say(`created credential "${CREDENTIAL_NAME}" (${credential.id}) -> ${emu.url}`);
	} else {
		say(`credential "${CREDENTIAL_NAME}" exists (${credential.id})`);
		// Credentials of earlier sandboxes have no App ID, which the alert example needs (template and quality events
		// come only through the app's callback URL): add it, keeping the rest.
		await n8n
			.api('PATCH', `/credentials/${credential.id}`, { data: { appId: EMULATOR_SEEDS.appId }, isPartialData: true })
			.catch((e) => say(`note: could not add the App ID to the credential (${e.message}); the alert example needs it`));
	}

	const existing = (await n8n.api('GET', '/workflows?limit=250')).data;
	const examples = loadExamples(credential);
	const justPublished = new Set();
	for (const { file, workflow, hasTrigger } of examples) {
		let wf = existing.find((w) => w.name === workflow.name);
		if (!wf) {
			wf = await n8n.createWorkflow(workflow);
			say(`imported examples/${file} as "${workflow.name}" (${wf.id})`);
			if (hasTrigger) {
				await publish(wf, 'published');
				justPublished.add(wf.id);
			}
		}
	}
	// The emulator keeps its state in memory, and n8n does not re-run a trigger's subscription on boot (Meta keeps
	// it): republish every published workflow with our trigger so that this emulator learns the callback URLs again.
	for (const wf of existing) {
		if (justPublished.has(wf.id) || !wf.nodes.some((n) => n.type === TRIGGER_TYPE)) continue;
		const status = await n8n.publicationStatus(wf.id);
		if (status.status === 'not_published') continue;
		await n8n.unpublish(wf.id).catch(() => {});
		await publish(wf, 'republished (subscription renewed on the emulator)');
	}

	async function publish(wf, what) {
		try {
			await n8n.publish(wf.id);
			say(`${what}: "${wf.name}"`);
		} catch (e) {
			say(`WARNING: publishing "${wf.name}" failed: ${e.message}`);
		}
	}

	const portArg = EMULATOR_PORT === 4545 ? '' : ` --emulator-port ${EMULATOR_PORT}`;
	const line = '─'.repeat(72);
	console.log(`\n${line}`);
	console.log(`  WhatsApp Business Platform sandbox is up (${secs()})`);
	console.log(`  n8n editor:     ${n8n.baseUrl}/home/workflows`);
	console.log(`  login:          ${OWNER.email} / ${OWNER.password}`);
	console.log(`  Graph emulator: ${emu.url} (credential "${CREDENTIAL_NAME}")`);
	console.log(`  send an incoming WhatsApp message to the auto-reply workflow:`);
	console.log(`      npm run sandbox:inbound -- "hello"${portArg}`);
	console.log(`  a template rejection / quality drop for the alert workflow (Meta sends these only to the app's callback URL,`);
	console.log(`  which the alert workflow's trigger took on publish with the credential's App ID):`);
	console.log(`      npm run sandbox:inbound -- --event message_template_status_update --waba 102290129340411${portArg}`);
	console.log(`  approve a refund over WhatsApp: run "Example: approve a refund over WhatsApp" in the editor (it waits),`);
	console.log(`  then tap a button of its question as the manager would:`);
	console.log(`      npm run sandbox:inbound -- --tap "Approve refund"${portArg}`);
	console.log(`  logs: ${path.relative(ROOT, n8n.logFile)}, ${path.relative(ROOT, emu.logFile)}`);
	console.log(`  Ctrl-C stops n8n and the emulator; data stays in .sandbox/`);
	console.log(`${line}\n`);
	fs.writeFileSync(path.join(SANDBOX_DIR, 'sandbox.json'), JSON.stringify({ n8nUrl: n8n.baseUrl, emulatorUrl: emu.url, pid: process.pid }, null, 2));

	emulator.on('exit', (code) => {
		if (!stopping) {
			say(`the emulator exited (${code}); stopping`);
			void stopAll(1);
		}
	});
	n8n.process.on('exit', (code) => {
		if (!stopping) {
			say(`n8n exited (${code}); see ${n8n.logFile}`);
			void stopAll(1);
		}
	});
}

for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => void stopAll(0));

main().catch((e) => {
	console.error(`[sandbox] ${e.stack || e.message}`);
	void stopAll(1);
});
