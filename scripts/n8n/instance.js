// Starts a real n8n on loopback with this package installed as a community package, and gives a small client for it.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureRuntime } = require('./runtime');
const { startQueueSupport } = require('./queue');
const { freePort, waitForReady, launch, stopGroup, killGroup } = require('./process');
const { lineFor } = require('./lines');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-whatsapp-business-platform';
const OWNER = { email: 'owner@example.com', firstName: 'Sandbox', lastName: 'Owner', password: 'Sandbox-Owner-1' };
// Names the state file kept in the user folder, so a later start on the same folder can log in again.
const STATE_FILE = 'n8n-instance.json';
// Any constant works: n8n binds the auth cookie to this header's value.
const BROWSER_ID = 'n8n-scripts';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
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

/**
 * Main is ready once its REST API answers: n8n 1.x says ready on /healthz/readiness seconds before it mounts the REST
 * API and the production webhooks.
 */
async function waitForMain(baseUrl, child, logFile, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	await waitForReady(baseUrl, child, logFile, timeoutMs);
	for (;;) {
		const res = await fetch(`${baseUrl}/rest/settings`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
		if (res?.ok) return;
		if (Date.now() > deadline) throw new Error(`n8n answered /healthz/readiness but not /rest/settings within ${timeoutMs} ms; see ${logFile}`);
		await sleep(250);
	}
}

function authCookie(res) {
	const raw = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
	if (!raw) throw new Error('n8n did not set the n8n-auth cookie');
	return raw.split(';')[0];
}

/**
 * Starts n8n and returns a client once the owner is logged in and an API key exists.
 * @param {object} [o]
 * @param {'regular'|'queue'} [o.mode] regular: one `n8n start` on SQLite; queue: Postgres + Redis (scripts/n8n/services.js),
 *   main, two workers and a webhook processor (scripts/n8n/queue.js); the client is the same, its `webhookBaseUrl` differs
 * @param {number} [o.port] HTTP port of the main process (default: a free one)
 * @param {string} [o.userFolder] N8N_USER_FOLDER (default: a new temp folder, removed by stop()); reuse one to keep data across starts
 * @param {string|false} [o.packageDir] folder holding the built package (default: the repo root); false: do not install it
 * @param {object} [o.env] extra environment for n8n, overriding the defaults
 * @param {(msg: string) => void} [o.log]
 * @param {number} [o.readyTimeoutMs]
 */
async function startN8n({ mode = 'regular', port, userFolder, packageDir = ROOT, env = {}, log = console.log, readyTimeoutMs = 180000 } = {}) {
	if (mode !== 'regular' && mode !== 'queue') throw new Error(`unknown n8n mode "${mode}" (regular or queue)`);
	const times = {};
	let t = Date.now();
	const lap = (name) => {
		times[name] = Date.now() - t;
		t = Date.now();
	};

	const { nodeBin, n8nBin, n8nVersion } = await ensureRuntime({ log });
	lap('runtime');
	// What differs between n8n 1.x and 2.x (scripts/n8n/lines.js), by the version of the runtime.
	const line = lineFor(n8nVersion);

	port = port || (await freePort());
	let brokerPort = await freePort();
	while (brokerPort === port) brokerPort = await freePort();
	const tempFolder = !userFolder;
	userFolder = path.resolve(userFolder || fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-')));
	fs.mkdirSync(userFolder, { recursive: true });
	const packageInstalled = packageDir ? installPackage(packageDir, userFolder, log) : false;

	const logFile = path.join(userFolder, 'n8n.log');
	const baseUrl = `http://127.0.0.1:${port}`;
	const mainEnv = { ...offlineEnv({ port, brokerPort, userFolder }), ...line.env, ...env };
	let child;
	let queue; // queue mode: services, workers and the webhook processor (scripts/n8n/queue.js)
	// If this process dies first, do not leave n8n running.
	const onExit = () => {
		if (child) killGroup(child, 'SIGKILL');
		if (queue) queue.kill();
	};
	process.on('exit', onExit);
	try {
		if (mode === 'queue') {
			queue = await startQueueSupport({ nodeBin, n8nBin, userFolder, baseEnv: mainEnv, env, log, readyTimeoutMs });
			Object.assign(mainEnv, queue.mainEnv);
			lap('services');
		}
		child = launch({ nodeBin, n8nBin, args: ['start'], env: mainEnv, userFolder, logFile });
		log(`[n8n] starting n8n${mode === 'queue' ? ' main' : ''} on ${baseUrl} (pid ${child.pid}, user folder ${userFolder}, log ${logFile})`);
		await waitForMain(baseUrl, child, logFile, readyTimeoutMs);
		lap('boot');
		if (queue) {
			// Workers and the webhook processor start once main has migrated the database.
			await queue.startProcesses();
			lap('queueProcesses');
		}
	} catch (e) {
		onExit();
		process.off('exit', onExit);
		if (queue) await queue.stop({ keep: true });
		throw e;
	}

	const statePath = path.join(userFolder, STATE_FILE);
	const state = fs.existsSync(statePath) ? JSON.parse(fs.readFileSync(statePath, 'utf8')) : { owner: OWNER };
	const saveState = () => fs.writeFileSync(statePath, JSON.stringify(state, null, 2));

	const restHeaders = () => ({ cookie: n8n.cookie, 'browser-id': BROWSER_ID });
	const n8n = {
		mode,
		baseUrl,
		/** Base of production webhook URLs (`<base>/<webhookId>/<path>`): main's in regular mode, the webhook processor's in queue mode. */
		webhookBaseUrl: `${queue ? queue.webhookOrigin : baseUrl}/webhook`,
		port,
		brokerPort,
		userFolder,
		logFile,
		/** Every n8n process with its log: `main`, and in queue mode `worker-1`, `worker-2`, `webhook`. */
		processes: [{ name: 'main', process: child, logFile }, ...(queue ? queue.processes : [])],
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
		/** n8n's version, e.g. `2.41.1` or `1.123.81`. */
		version: n8nVersion,
		createCredential(name, type, data) {
			return line.createCredential(n8n, name, type, data);
		},
		/** Accepts a whole exported workflow; sends only the fields the public API allows on create. */
		createWorkflow(wf) {
			const { name = 'Workflow', nodes, connections = {}, settings = {}, staticData, pinData } = wf;
			const body = { name, nodes, connections, settings };
			if (staticData) body.staticData = staticData;
			if (pinData) body.pinData = pinData;
			return n8n.api('POST', '/workflows', body);
		},
		/** `{ status }`: `published`, `not_published` (and on 2.x `in_progress`, `failed`, `partial` with its triggers). */
		publicationStatus(id) {
			return line.publicationStatus(n8n, id);
		},
		/**
		 * Publishes (2.x; "activates" on 1.x) and waits until every trigger is live; throws with the reason n8n shows in
		 * the editor if one failed.
		 */
		publish(id, { timeoutMs = 30000 } = {}) {
			return line.publish(n8n, id, timeoutMs);
		},
		unpublish(id, { timeoutMs = 30000 } = {}) {
			return line.unpublish(n8n, id, timeoutMs);
		},
		/** Runs the workflow as the editor's "Execute workflow" button does; returns the execution id. */
		async runManual(id, triggerNodeName) {
			const data = await n8n.rest('POST', `/workflows/${id}/run`, await line.runBody(n8n, id, triggerNodeName));
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
		/** The bytes of a binary data id from an execution (`database:…`, `filesystem-v2:…`), as the editor downloads them. */
		async binaryData(id) {
			const res = await fetch(`${baseUrl}/rest/binary-data?${new URLSearchParams({ id, action: 'download' })}`, { headers: restHeaders(), signal: AbortSignal.timeout(60000) });
			if (!res.ok) throw new Error(`GET /rest/binary-data ${id} -> ${res.status}: ${(await res.text()).slice(0, 300)}`);
			return Buffer.from(await res.arrayBuffer());
		},
		/** Names of all registered node types, e.g. `n8n-nodes-base.set`. */
		async nodeTypeNames() {
			const { json } = await call(`${baseUrl}/types/nodes.json`, 'GET', undefined, restHeaders());
			return [...new Set(json.map((n) => n.name))];
		},
		/**
		 * Restarts the process that receives production webhooks (main in regular mode, the webhook processor in queue
		 * mode), so whatever it kept in memory is gone; the database, the login and the API key stay.
		 */
		async restartWebhookProcess({ graceMs = 15000 } = {}) {
			if (queue) return queue.restart('webhook', graceMs);
			await stopGroup(child, graceMs);
			child = launch({ nodeBin, n8nBin, args: ['start'], env: mainEnv, userFolder, logFile });
			n8n.process = n8n.processes[0].process = child;
			await waitForMain(baseUrl, child, logFile, readyTimeoutMs);
		},
		/**
		 * Stops n8n and its task runner (the whole process group): SIGTERM, then SIGKILL after `graceMs`.
		 * A user folder that startN8n made itself is removed unless `keep` is set.
		 */
		async stop({ graceMs = 15000, keep = false } = {}) {
			process.off('exit', onExit);
			// Queue mode: workers and webhook processor, then main, then Postgres and Redis.
			if (queue) await Promise.all(queue.processes.map((p) => stopGroup(p.process, graceMs)));
			await stopGroup(child, graceMs);
			if (queue) await queue.stop({ keep });
			if (tempFolder && !keep) fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};

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
			// n8n before 1.9x has API keys without scopes (no /api-keys/scopes).
			const scopes = await n8n.rest('GET', '/api-keys/scopes').catch((error) => (error.status === 404 ? undefined : Promise.reject(error)));
			const key = await n8n.rest('POST', '/api-keys', { label: `scripts-${Date.now()}`, ...(scopes ? { scopes } : {}), expiresAt: null });
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
