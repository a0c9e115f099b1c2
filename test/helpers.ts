import { ExecuteContext } from 'n8n-core';

import { DEFAULT_GRAPH_VERSION } from '../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import { startEmulator, type EmulatorOptions, type GraphEmulator } from './emulator/server';
import { specAvailable } from './emulator/specValidator';
import type { TestCredentials } from './harness/runNode';

const SPEC_SKIP = '(skipped: Meta\'s spec is not in ../shared/specs beside this clone)';

/** Tests of the emulator's spec check: they run where ../shared/specs is, and skip in one line where it is not. */
export const describeWithSpec = (name: string, body: () => void) =>
	specAvailable() ? describe(name, body) : describe.skip(`${name} ${SPEC_SKIP}`, body);
export const itWithSpec = (name: string, body: () => Promise<void>) =>
	specAvailable() ? it(name, body) : it.skip(`${name} ${SPEC_SKIP}`, body);

/**
 * Send and Wait needs n8n's signed resume URLs (n8n 1.107+, n8n-core 1.106+). Against an older n8n-core
 * (npm run test:n8n1-core, lowest line) its tests skip in one line; sendAndWait/olderN8n.test.ts covers that n8n.
 */
export const signsResumeUrls = (): boolean => 'getSignedResumeUrl' in ExecuteContext.prototype;
export const describeWithSignedResumeUrls = (name: string, body: () => void) =>
	signsResumeUrls() ? describe(name, body) : describe.skip(`${name} (skipped: this n8n-core has no signed resume URLs, n8n before 1.107)`, body);

/** Starts an emulator for a test file and stops it afterwards; resets recorded requests and faults per test. */
export function useEmulator(options: EmulatorOptions = {}) {
	const handle: { emulator: GraphEmulator; credentials: TestCredentials } = {} as never;
	beforeAll(async () => {
		handle.emulator = await startEmulator(options);
		handle.credentials = {
			accessToken: handle.emulator.ids.accessToken,
			appSecret: handle.emulator.ids.appSecret,
			verifyToken: handle.emulator.ids.verifyToken,
			graphApiVersion: DEFAULT_GRAPH_VERSION,
			baseUrl: handle.emulator.url,
		};
	});
	afterEach(() => {
		handle.emulator.clearRequests();
		handle.emulator.faults.clear();
		handle.emulator.limiter.reset();
	});
	afterAll(async () => {
		await handle.emulator.stop();
	});
	return handle;
}

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
