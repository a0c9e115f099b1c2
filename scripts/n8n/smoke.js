#!/usr/bin/env node
// Proves the real-n8n harness end to end: start, owner + API key, a built-in workflow run manually and one
// published behind a webhook, whether this package's node type is registered, then stop.
// Usage: node scripts/n8n/smoke.js [--keep] [--port N] [--user-folder DIR] [--no-package]
'use strict';
const fs = require('node:fs');
const crypto = require('node:crypto');
const { startN8n, PACKAGE_NAME } = require('./instance');

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

const manualWorkflow = {
	name: 'Smoke: manual trigger -> set',
	nodes: [
		{ id: crypto.randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: crypto.randomUUID(),
			name: 'Set',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, 0],
			parameters: {
				assignments: {
					assignments: [
						{ id: crypto.randomUUID(), name: 'greeting', value: 'hello from n8n', type: 'string' },
						{ id: crypto.randomUUID(), name: 'answer', value: '={{ 6 * 7 }}', type: 'number' },
					],
				},
				options: {},
			},
		},
	],
	connections: { Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

function webhookWorkflow(webhookPath) {
	return {
		name: 'Smoke: webhook',
		nodes: [
			{
				id: crypto.randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: crypto.randomUUID(),
				parameters: { httpMethod: 'GET', path: webhookPath, responseMode: 'onReceived', options: {} },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

async function main() {
	const timings = [];
	let t = Date.now();
	const phase = (name) => {
		timings.push([name, Date.now() - t]);
		t = Date.now();
	};
	const keep = flag('--keep');
	const n8n = await startN8n({
		userFolder: option('--user-folder'),
		port: option('--port') ? Number(option('--port')) : undefined,
		packageDir: flag('--no-package') ? false : undefined,
	});
	for (const [name, ms] of Object.entries(n8n.times)) timings.push([`start: ${name}`, ms]);
	t = Date.now();
	try {
		const me = await n8n.rest('GET', '/login');
		const list = await n8n.api('GET', '/workflows?limit=1');
		console.log(`owner: ${me.email}; API key works (${list.data.length} workflow(s) so far)`);
		phase('check owner + API key');

		const types = await n8n.nodeTypeNames();
		const ours = types.filter((n) => n.startsWith(`${PACKAGE_NAME}.`));
		console.log(`node types registered: ${types.length}; ${PACKAGE_NAME}: ${ours.length ? ours.join(', ') : 'none'}`);
		if (n8n.packageInstalled && !ours.includes(`${PACKAGE_NAME}.whatsAppBusinessPlatform`)) {
			const log = fs.readFileSync(n8n.logFile, 'utf8').split('\n');
			const at = log.findIndex((l) => l.includes(`Failed to load package "${PACKAGE_NAME}"`));
			console.log(`WARNING: the package was installed but its node is not registered: ${at >= 0 ? log[at + 1] : `see ${n8n.logFile}`}`);
		}
		phase('list node types');

		const wf = await n8n.createWorkflow(manualWorkflow);
		phase('create workflow');
		const executionId = await n8n.runManual(wf.id, 'Start');
		const ex = await n8n.waitForExecution(executionId);
		phase('run manually + wait');
		const items = ex.data.resultData.runData.Set[0].data.main[0].map((i) => i.json);
		console.log(`execution ${executionId}: ${ex.status}; Set output: ${JSON.stringify(items)}`);
		if (ex.status !== 'success' || items[0].answer !== 42) throw new Error('manual run did not give the expected output');

		const webhookPath = `smoke-${crypto.randomBytes(4).toString('hex')}`;
		const hook = await n8n.createWorkflow(webhookWorkflow(webhookPath));
		const status = await n8n.publish(hook.id);
		phase('publish webhook workflow');
		const res = await fetch(`${n8n.baseUrl}/webhook/${webhookPath}?hello=world`);
		console.log(`publication: ${status.status}; GET /webhook/${webhookPath} -> ${res.status} ${await res.text()}`);
		if (!res.ok) throw new Error('published webhook did not answer');
		let runs = [];
		for (let i = 0; i < 50 && runs.length === 0; i++) {
			runs = await n8n.listExecutions(hook.id);
			if (runs.length === 0) await new Promise((r) => setTimeout(r, 100));
		}
		console.log(`webhook executions: ${runs.map((r) => `${r.id}:${r.status}`).join(', ') || 'none'}`);
		phase('call webhook + find execution');
		await n8n.unpublish(hook.id);
		phase('unpublish');
	} finally {
		await n8n.stop({ keep });
		phase('stop');
		if (keep || option('--user-folder')) console.log(`kept ${n8n.userFolder}`);
	}
	console.log('\nphase timings:');
	for (const [name, ms] of timings) console.log(`  ${name.padEnd(32)} ${(ms / 1000).toFixed(2).padStart(7)} s`);
	console.log(`  ${'total'.padEnd(32)} ${(timings.reduce((s, [, ms]) => s + ms, 0) / 1000).toFixed(2).padStart(7)} s`);
}

// Exit through process.exit so that startN8n's exit hook kills n8n (it runs in its own process group).
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

main().then(
	() => process.exit(0),
	(e) => {
		console.error(e.stack || e.message);
		process.exit(1);
	},
);
