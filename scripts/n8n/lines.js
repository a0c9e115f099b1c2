// What differs between the two lines of n8n the scripts drive (scripts/n8n/runtime.js installs either): settings,
// making a workflow live, a manual run and creating a credential. instance.js picks one of these once, by the version
// of the runtime it starts.
'use strict';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Each line gives the same shapes: publish/unpublish/publicationStatus resolve to `{ status }` as 2.x's publication
// status has it (`published`, `not_published`, …), publish throws with the reason n8n shows in the editor.

/** n8n 2.x: workflows are published; triggers go live through an outbox, so publishing waits on the publication status. */
const v2 = {
	env: {
		// The MCP registry phones home; 1.x has no such module (and refuses to start when it is named).
		N8N_DISABLED_MODULES: 'mcp-registry',
		// Publishing goes through an outbox polled every 15 s by default; tests should not wait that long.
		N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '500',
	},
	publicationStatus: (n8n, id) => n8n.rest('GET', `/workflows/${id}/publication-status`),
	async publish(n8n, id, timeoutMs) {
		await n8n.api('POST', `/workflows/${id}/publish`, {});
		return waitPublication(n8n, id, (s) => s.status !== 'in_progress' && s.status !== 'not_published', timeoutMs);
	},
	async unpublish(n8n, id, timeoutMs) {
		await n8n.api('POST', `/workflows/${id}/unpublish`, {});
		return waitPublication(n8n, id, (s) => s.status === 'not_published', timeoutMs);
	},
	runBody: async (_n8n, _id, triggerNodeName) => ({ triggerToStartFrom: { name: triggerNodeName } }),
	createCredential: (n8n, name, type, data) => n8n.api('POST', '/credentials', { name, type, data }),
};

/**
 * n8n 1.x: workflows are activated, and the triggers are live (or have failed) when the call returns. A manual run
 * carries the whole workflow, and the public API wants `allowedHttpRequestDomains` in a credential's data, which
 * the internal API adds itself.
 */
const v1 = {
	env: {
		// Without a read pool SQLite saves an execution's status and its data in two statements, not one transaction, so
		// a reader can see "success" before the data (n8n 2.x uses a pool by default).
		DB_SQLITE_POOL_SIZE: '2',
	},
	async publicationStatus(n8n, id) {
		const { active } = await n8n.api('GET', `/workflows/${id}`);
		return { status: active ? 'published' : 'not_published' };
	},
	async publish(n8n, id) {
		try {
			await n8n.api('POST', `/workflows/${id}/activate`, {});
		} catch (e) {
			// n8n's own message (what the editor shows), not the escaped JSON of the response.
			throw Object.assign(new Error(`publishing ${id} failed: ${e.body?.message ?? e.message}`), { cause: e });
		}
		return { status: 'published' };
	},
	async unpublish(n8n, id) {
		await n8n.api('POST', `/workflows/${id}/deactivate`, {});
		return { status: 'not_published' };
	},
	async runBody(n8n, id, triggerNodeName) {
		const workflowData = await n8n.rest('GET', `/workflows/${id}`);
		return { workflowData, triggerToStartFrom: { name: triggerNodeName } };
	},
	createCredential: (n8n, name, type, data) => n8n.rest('POST', '/credentials', { name, type, data }),
};

async function waitPublication(n8n, id, done, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const s = await v2.publicationStatus(n8n, id);
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

/** The differences for an n8n version, e.g. `1.123.81`. */
function lineFor(version) {
	const major = Number(String(version).split('.')[0]);
	if (major === 1) return v1;
	if (major === 2) return v2;
	throw new Error(`n8n ${version} is neither 1.x nor 2.x; scripts/n8n drives those two lines only`);
}

module.exports = { lineFor };
