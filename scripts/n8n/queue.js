// n8n in queue mode, as run in production: Postgres + Redis (scripts/n8n/services.js), main (`n8n start`, production
// webhooks disabled, manual runs offloaded to workers), two workers (`n8n worker --concurrency=10`) and a webhook
// processor (`n8n webhook`) that serves every production webhook. All share the user folder (so all load the package),
// the database, the queue and the encryption key. Used by scripts/n8n/instance.js when started with `mode: 'queue'`.
'use strict';
const path = require('node:path');
const crypto = require('node:crypto');
const { startQueueServices } = require('./services');
const { freePort, launch, waitForReady, stopGroup, killGroup } = require('./process');

const WORKERS = 2;
const WORKER_CONCURRENCY = 10;

async function freePorts(count, taken) {
	const ports = [];
	while (ports.length < count) {
		const port = await freePort();
		if (!taken.includes(port) && !ports.includes(port)) ports.push(port);
	}
	return ports;
}

/**
 * Starts the services and returns what main needs (`mainEnv`) plus `startProcesses()` for the workers and the
 * webhook processor, to call once main is ready (main migrates the database first).
 */
async function startQueueSupport({ nodeBin, n8nBin, userFolder, baseEnv, env, log, readyTimeoutMs }) {
	const services = await startQueueServices({ log });
	const taken = [Number(baseEnv.N8N_PORT), Number(baseEnv.N8N_RUNNERS_BROKER_PORT)];
	const [webhookPort, webhookBroker, ...workerPorts] = await freePorts(2 + 3 * WORKERS, taken);
	const webhookOrigin = `http://127.0.0.1:${webhookPort}`;
	const shared = {
		...services.n8nEnv(),
		N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
		// Trigger nodes register (and Meta would call) the webhook processor's URLs.
		N8N_WEBHOOK_URL: `${webhookOrigin}/`,
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
	const processes = [];
	const start = (record) => {
		const { spec, logFile } = record;
		record.process = launch({ nodeBin, n8nBin, args: spec.args, env: { ...baseEnv, ...shared, ...spec.env, ...env }, userFolder, logFile });
		log(`[n8n] starting n8n ${spec.name} (pid ${record.process.pid}, log ${logFile})`);
	};
	const support = {
		services,
		webhookOrigin,
		processes,
		mainEnv: { ...shared, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true', ...env },

		async startProcesses() {
			const specs = [
				{
					name: 'webhook',
					args: ['webhook'],
					env: { N8N_PORT: String(webhookPort), N8N_RUNNERS_BROKER_PORT: String(webhookBroker) },
					readyUrl: webhookOrigin,
				},
				...Array.from({ length: WORKERS }, (_, i) => {
					const [port, broker, health] = workerPorts.slice(3 * i, 3 * i + 3);
					return {
						name: `worker-${i + 1}`,
						args: ['worker', `--concurrency=${WORKER_CONCURRENCY}`],
						env: {
							N8N_PORT: String(port),
							N8N_RUNNERS_BROKER_PORT: String(broker),
							QUEUE_HEALTH_CHECK_ACTIVE: 'true',
							QUEUE_HEALTH_CHECK_PORT: String(health),
							N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
						},
						readyUrl: `http://127.0.0.1:${health}`,
					};
				}),
			];
			for (const spec of specs) {
				const record = { name: spec.name, logFile: path.join(userFolder, `n8n-${spec.name}.log`), spec };
				start(record);
				processes.push(record);
			}
			await Promise.all(processes.map((p) => waitForReady(p.spec.readyUrl, p.process, p.logFile, readyTimeoutMs)));
		},

		/** Stops one process (`webhook`, `worker-1`, …) and starts it again with the same settings. */
		async restart(name, graceMs) {
			const record = processes.find((p) => p.name === name);
			if (!record) throw new Error(`no n8n process named ${name}`);
			await stopGroup(record.process, graceMs);
			start(record);
			await waitForReady(record.spec.readyUrl, record.process, record.logFile, readyTimeoutMs);
		},

		kill() {
			for (const p of processes) killGroup(p.process, 'SIGKILL');
			services.postgres.kill();
			services.redis.kill();
		},

		stop(options) {
			return services.stop(options);
		},
	};
	return support;
}

module.exports = { startQueueSupport, WORKERS };
