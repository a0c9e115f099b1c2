// Shared by the sandbox and the end-to-end tests: the emulator's seeds as a credential, and example workflows.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES_DIR = path.join(ROOT, 'examples');
const CREDENTIAL_TYPE = 'whatsAppBusinessPlatformApi';
const CREDENTIAL_NAME = 'WhatsApp Business Platform (emulator)';
const TRIGGER_TYPE = 'n8n-nodes-whatsapp-business-platform.whatsAppBusinessPlatformTrigger';
// The emulator's defaults (test/emulator/server.ts); the sandbox's emulator runs with them.
const EMULATOR_SEEDS = { accessToken: 'EAAtest-access-token-0123456789', appSecret: 'test-app-secret-abcdef', verifyToken: 'test-verify-token', appId: '1234567890123456' };

function credentialData(baseUrl, seeds = EMULATOR_SEEDS) {
	// The App ID lets a trigger take the app's callback URL for template and account events (the alert example).
	return { accessToken: seeds.accessToken, appSecret: seeds.appSecret, appId: seeds.appId, verifyToken: seeds.verifyToken, graphApiVersion: 'v25.0', baseUrl };
}

/** examples/*.json, with every credential reference of our type pointed at `credential` ({id, name}). */
function loadExamples(credential) {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => {
			const wf = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
			for (const node of wf.nodes) {
				if (node.credentials && node.credentials[CREDENTIAL_TYPE]) node.credentials[CREDENTIAL_TYPE] = { id: credential.id, name: credential.name };
			}
			return { file, workflow: wf, hasTrigger: wf.nodes.some((n) => n.type === TRIGGER_TYPE) };
		});
}

module.exports = { ROOT, EXAMPLES_DIR, CREDENTIAL_TYPE, CREDENTIAL_NAME, TRIGGER_TYPE, EMULATOR_SEEDS, credentialData, loadExamples };
