// Starts a real n8n on loopback with this package installed as a community package, and gives a small client for it.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ensureRuntime } = require('./runtime');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-whatsapp-business-platform';
const OWNER = { email: 'owner@example.com', firstName: 'Sandbox', lastName: 'Owner', password: 'Sandbox-Owner-1' };
// Names the state file kept in the user folder, so a later start on the same folder can log in again.
const STATE_FILE = 'n8n-instance.json';
// Any constant works: n8n binds the auth cookie to this header's value.
const BROWSER_ID = 'n8n-scripts';

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

function offlineEnv({ port, brokerPort, userFolder }) {
	return {
		// As in n8n's Docker image; also keeps jest's NODE_ENV=test (which switches n8n into test mode) out.
		NODE_ENV: 'production',
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_MODE: 'internal',
		N8N_USER_FOLDER: userFolder,
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// Everything that phones home: telemetry, version checks, templates, banners, license renewal, MCP registry.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		// Publishing goes through an outbox polled every 15 s by default; tests should not wait that long.
		N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '500',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		N8N_LOG_OUTPUT: 'console',
		N8N_NO_COLOR: 'true',
		NO_COLOR: '1',
	};
}

// Mirrors a marketplace install: the packed files (package.json + "files") under .n8n/nodes/node_modules/<name>.
function installPackage(packageDir, userFolder, log) {
	const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	if (!fs.existsSync(path.join(packageDir, 'dist'))) {
		log(`[n8n] warning: ${packageDir}/dist does not exist (run \`npm run build\`); starting n8n without ${pkg.name}`);
		return false;
	}
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', pkg.name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	for (const entry of ['package.json', 'README.md', 'LICENSE', ...(pkg.files || ['dist'])]) {
		const from = path.join(packageDir, entry);
		if (fs.existsSync(from)) fs.cpSync(from, path.join(target, entry), { recursive: true });
	}
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [pkg.name]: pkg.version } }, null, 2),
	);
	return true;
}

async function call(url, method, body, headers = {}, timeoutMs = 120000) {
	const res = await fetch(url, {
		method,
		signal: AbortSignal.timeout(timeoutMs),
		headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = text;
	}
	if (!res.ok) {
		const err = new Error(`${method} ${url} -> ${res.status}: ${text.slice(0, 500)}`);
		Object.assign(err, { status: res.status, body: json });
		throw err;
	}
	return { res, json };
}

function authCookie(res) {
	const raw = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
	if (!raw) throw new Error('n8n did not set the n8n-auth cookie');
	return raw.split(';')[0];
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

/**
 * Starts n8n and returns a client once the owner is logged in and an API key exists.
 * @param {object} [o]
 * @param {number} [o.port] HTTP port (default: a free one)
 * @param {string} [o.userFolder] N8N_USER_FOLDER (default: a new temp folder, removed by stop()); reuse one to keep data across starts
 * @param {string|false} [o.packageDir] folder holding the built package (default: the repo root); false: do not install it
 * @param {object} [o.env] extra environment for n8n, overriding the defaults
 * @param {(msg: string) => void} [o.log]
 * @param {number} [o.readyTimeoutMs]
 */
async function startN8n({ port, userFolder, packageDir = ROOT, env = {}, log = console.log, readyTimeoutMs = 180000 } = {}) {
	const times = {};
	let t = Date.now();
	const lap = (name) => {
		times[name] = Date.now() - t;
		t = Date.now();
	};

	const { nodeBin, n8nBin } = await ensureRuntime({ log });
	lap('runtime');

	port = port || (await freePort());
	let brokerPort = await freePort();
	while (brokerPort === port) brokerPort = await freePort();
	const tempFolder = !userFolder;
	userFolder = path.resolve(userFolder || fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-')));
	fs.mkdirSync(userFolder, { recursive: true });
	const packageInstalled = packageDir ? installPackage(packageDir, userFolder, log) : false;

	const logFile = path.join(userFolder, 'n8n.log');
	const out = fs.openSync(logFile, 'a');
	const childEnv = { ...process.env, ...offlineEnv({ port, brokerPort, userFolder }), ...env };
	// A parent's preloads (ts-node, jest) must not leak into n8n's Node 24.
	for (const k of ['NODE_OPTIONS', 'NODE_PATH', 'TS_NODE_PROJECT']) if (!(k in env)) delete childEnv[k];
	const child = spawn(nodeBin, [n8nBin, 'start'], { cwd: userFolder, env: childEnv, detached: true, stdio: ['ignore', out, out] });
	fs.closeSync(out);
	// If this process dies first, do not leave n8n running.
	const onExit = () => killGroup(child, 'SIGKILL');
	process.on('exit', onExit);

	const baseUrl = `http://127.0.0.1:${port}`;
	log(`[n8n] starting n8n on ${baseUrl} (pid ${child.pid}, user folder ${userFolder}, log ${logFile})`);
	try {
		await waitForReady(baseUrl, child, logFile, readyTimeoutMs);
	} catch (e) {
		killGroup(child, 'SIGKILL');
		process.off('exit', onExit);
		throw e;
	}
	lap('boot');

	const statePath = path.join(userFolder, STATE_FILE);
	const state = fs.existsSync(statePath) ? JSON.parse(fs.readFileSync(statePath, 'utf8')) : { owner: OWNER };
	const saveState = () => fs.writeFileSync(statePath, JSON.stringify(state, null, 2));

	const restHeaders = () => ({ cookie: n8n.cookie, 'browser-id': BROWSER_ID });
	const n8n = {
		baseUrl,
		port,
		brokerPort,
		userFolder,
		logFile,
		packageInstalled,
		process: child,
		cookie: undefined,
		apiKey: undefined,
		times,

		/** Internal API as the logged-in owner; returns the payload inside n8n's `{data}` wrapper. */
		async rest(method, p, body) {
			const { json } = await call(`${baseUrl}/rest${p}`, method, body, restHeaders());
			return json && typeof json === 'object' && 'data' in json ? json.data : json;
		},
		/** Public API (/api/v1) with the API key; returns the parsed body as is. */
		async api(method, p, body) {
			return (await call(`${baseUrl}/api/v1${p}`, method, body, { 'X-N8N-API-KEY': n8n.apiKey })).json;
		},
		createCredential(name, type, data) {
			return n8n.api('POST', '/credentials', { name, type, data });
		},
		/** Accepts a whole exported workflow; sends only the fields the public API allows on create. */
		createWorkflow(wf) {
			const { name = 'Workflow', nodes, connections = {}, settings = {}, staticData, pinData } = wf;
			const body = { name, nodes, connections, settings };
			if (staticData) body.staticData = staticData;
			if (pinData) body.pinData = pinData;
			return n8n.api('POST', '/workflows', body);
		},
		publicationStatus(id) {
			return n8n.rest('GET', `/workflows/${id}/publication-status`);
		},
		/** Publishes (2.x's "activate") and waits until every trigger is live; throws with n8n's reasons if one failed. */
		async publish(id, { timeoutMs = 30000 } = {}) {
			await n8n.api('POST', `/workflows/${id}/publish`, {});
			return waitPublication(id, (s) => s.status !== 'in_progress' && s.status !== 'not_published', timeoutMs);
		},
		async unpublish(id, { timeoutMs = 30000 } = {}) {
			await n8n.api('POST', `/workflows/${id}/unpublish`, {});
			return waitPublication(id, (s) => s.status === 'not_published', timeoutMs);
		},
		/** Runs the workflow as the editor's "Execute workflow" button does; returns the execution id. */
		async runManual(id, triggerNodeName) {
			const data = await n8n.rest('POST', `/workflows/${id}/run`, { triggerToStartFrom: { name: triggerNodeName } });
			if (!data || !data.executionId) throw new Error(`manual run of ${id} returned no execution id: ${JSON.stringify(data)}`);
			return String(data.executionId);
		},
		/** Polls until the execution ends; returns it with `data.resultData.runData`. */
		async waitForExecution(executionId, { timeoutMs = 60000 } = {}) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				let ex;
				try {
					ex = await n8n.api('GET', `/executions/${executionId}?includeData=true`);
				} catch (e) {
					if (e.status !== 404) throw e; // not saved yet
				}
				if (ex && (ex.finished || ['success', 'error', 'crashed', 'canceled'].includes(ex.status))) return ex;
				if (Date.now() > deadline) throw new Error(`execution ${executionId} still ${ex ? ex.status : 'missing'} after ${timeoutMs} ms`);
				await sleep(100);
			}
		},
		async listExecutions(workflowId, { includeData = false, limit = 250 } = {}) {
			const q = new URLSearchParams({ limit: String(limit), includeData: String(includeData) });
			if (workflowId) q.set('workflowId', workflowId);
			return (await n8n.api('GET', `/executions?${q}`)).data;
		},
		/** Names of all registered node types, e.g. `n8n-nodes-base.set`. */
		async nodeTypeNames() {
			const { json } = await call(`${baseUrl}/types/nodes.json`, 'GET', undefined, restHeaders());
			return [...new Set(json.map((n) => n.name))];
		},
		/**
		 * Stops n8n and its task runner (the whole process group): SIGTERM, then SIGKILL after `graceMs`.
		 * A user folder that startN8n made itself is removed unless `keep` is set.
		 */
		async stop({ graceMs = 15000, keep = false } = {}) {
			process.off('exit', onExit);
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				killGroup(child, 'SIGTERM');
				const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
				await exited;
				clearTimeout(timer);
			}
			killGroup(child, 'SIGKILL'); // stragglers in the group, e.g. the task runner
			if (tempFolder && !keep) fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};

	async function waitPublication(id, done, timeoutMs) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const s = await n8n.publicationStatus(id);
			if (done(s)) {
				if (s.status === 'failed' || s.status === 'partial') {
					const why = s.triggers.filter((tr) => tr.status === 'failed').map((tr) => tr.errorMessage);
					throw Object.assign(new Error(`publishing ${id} ${s.status}: ${why.join('; ')}`), { publication: s });
				}
				return s;
			}
			if (Date.now() > deadline) throw new Error(`publication of ${id} still ${s.status} after ${timeoutMs} ms`);
			await sleep(200);
		}
	}

	try {
		const settings = (await call(`${baseUrl}/rest/settings`, 'GET')).json.data;
		if (settings.userManagement.showSetupOnFirstLoad) {
			const { res } = await call(`${baseUrl}/rest/owner/setup`, 'POST', state.owner, { 'browser-id': BROWSER_ID });
			n8n.cookie = authCookie(res);
			saveState();
		} else {
			const body = { emailOrLdapLoginId: state.owner.email, password: state.owner.password };
			const { res } = await call(`${baseUrl}/rest/login`, 'POST', body, { 'browser-id': BROWSER_ID });
			n8n.cookie = authCookie(res);
		}
		lap('owner');

		if (state.apiKey) {
			n8n.apiKey = state.apiKey;
			try {
				await n8n.api('GET', '/workflows?limit=1');
			} catch {
				n8n.apiKey = undefined;
			}
		}
		if (!n8n.apiKey) {
			const scopes = await n8n.rest('GET', '/api-keys/scopes');
			const key = await n8n.rest('POST', '/api-keys', { label: `scripts-${Date.now()}`, scopes, expiresAt: null });
			n8n.apiKey = state.apiKey = key.rawApiKey;
			saveState();
		}
		lap('apiKey');
	} catch (e) {
		await n8n.stop();
		throw e;
	}
	return n8n;
}

module.exports = { startN8n, installPackage, freePort, PACKAGE_NAME, OWNER };
