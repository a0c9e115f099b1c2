import { ExecuteContext } from 'n8n-core';

import { SEND_AND_WAIT_NODE_TYPE } from '../harness/nodeTypes';
import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';

const env = useEmulator();

/** Runs `body` on an n8n-core whose execution context has no getSignedResumeUrl, as before n8n 1.107. */
async function withoutSignedResumeUrls<T>(body: () => Promise<T>): Promise<T> {
	let owner: object | null = ExecuteContext.prototype;
	while (owner && !Object.prototype.hasOwnProperty.call(owner, 'getSignedResumeUrl')) owner = Object.getPrototypeOf(owner) as object | null;
	const original = owner && Object.getOwnPropertyDescriptor(owner, 'getSignedResumeUrl');
	if (owner) delete (owner as Record<string, unknown>).getSignedResumeUrl;
	try {
		return await body();
	} finally {
		if (owner && original) Object.defineProperty(owner, 'getSignedResumeUrl', original);
	}
}

describe('send and wait on an n8n without signed resume URLs (before n8n 1.107)', () => {
	it('stops with an error that names the n8n version needed, before checking or sending anything', async () => {
		const run = await withoutSignedResumeUrls(async () =>
			await runNode({
				executionId: '4711',
				nodeType: SEND_AND_WAIT_NODE_TYPE,
				credentials: env.credentials,
				parameters: { resource: 'message', operation: 'sendAndWait', phoneNumberId: byId(env.emulator.ids.phoneNumberId), to: '+1 650 555 1234', message: 'Refund?', responseType: 'approval' },
			}),
		);
		expect(run.error?.message).toBe('Send and Wait needs n8n 1.107 or newer');
		expect(run.error?.description).toMatch(/Update n8n, or send the question with .*Message → Send/);
		expect(env.emulator.requests).toHaveLength(0);
		expect(run.run.waitTill).toBeUndefined();
	});
});
