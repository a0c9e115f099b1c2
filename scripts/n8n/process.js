// Starting and stopping one n8n process (`n8n start`, `worker`, `webhook`), shared by instance.js and queue.js.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const { spawn } = require('node:child_process');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

function tail(file, lines = 40) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

async function waitForReady(baseUrl, child, logFile, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`n8n exited (${child.exitCode ?? child.signalCode}) before it was ready; ${logFile}:\n${tail(logFile)}`);
		}
		try {
			// Short timeout: something else may hold the port and never answer.
			const res = await fetch(`${baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	throw new Error(`n8n not ready after ${timeoutMs} ms; ${logFile}:\n${tail(logFile)}`);
}

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

// One n8n process (`n8n start`, `worker`, `webhook`) in its own process group, its output in `logFile`.
function launch({ nodeBin, n8nBin, args, env, userFolder, logFile }) {
	const out = fs.openSync(logFile, 'a');
	const childEnv = { ...process.env, ...env };
	// A parent's preloads (ts-node, jest) must not leak into n8n's Node 24.
	for (const k of ['NODE_OPTIONS', 'NODE_PATH', 'TS_NODE_PROJECT']) if (!(k in env)) delete childEnv[k];
	const child = spawn(nodeBin, [n8nBin, ...args], { cwd: userFolder, env: childEnv, detached: true, stdio: ['ignore', out, out] });
	fs.closeSync(out);
	return child;
}

/** SIGTERM to the process group, SIGKILL after `graceMs`, then SIGKILL for stragglers in the group (the task runner). */
async function stopGroup(child, graceMs) {
	if (child.exitCode === null && child.signalCode === null) {
		const exited = new Promise((r) => child.once('exit', r));
		killGroup(child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
	}
	killGroup(child, 'SIGKILL');
}

module.exports = { freePort, tail, waitForReady, killGroup, launch, stopGroup };
