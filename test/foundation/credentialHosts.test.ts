import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { credentialTargetProblem } from '../../nodes/WhatsAppBusinessPlatform/shared/credentialHosts';
import { DEFAULT_GRAPH_VERSION } from '../../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import type { GraphEmulator } from '../emulator/server';
import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';

const env = useEmulator({ requireAppSecretProof: true });

/** Another host on loopback (127.0.0.2): what an attacker's or a stranger's server would be. */
interface Spy {
	url: string;
	requests: IncomingMessage[];
	close(): Promise<void>;
}

async function startSpy(): Promise<Spy> {
	const requests: IncomingMessage[] = [];
	const server: Server = createServer((req, res) => {
		requests.push(req);
		res.writeHead(200, { 'content-type': 'text/plain' });
		res.end('stolen');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
	return {
		url: `http://127.0.0.2:${(server.address() as AddressInfo).port}`,
		requests,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

let spy: Spy;
beforeAll(async () => {
	spy = await startSpy();
});
afterEach(() => {
	spy.requests.length = 0;
});
afterAll(async () => {
	await spy.close();
});

function seedMedia(emulator: GraphEmulator, bytes = Buffer.from('hello')): string {
	const media = emulator.state.add({
		id: emulator.state.newId(),
		type: 'media',
		wabaId: emulator.ids.wabaId,
		phoneNumberId: emulator.ids.phoneNumberId,
		mime_type: 'text/plain',
		mediaKind: 'document',
		sha256: 'x',
		file_size: bytes.length,
		fileName: 'a.txt',
	});
	emulator.state.mediaBytes.set(media.id, bytes);
	return media.id;
}

const download = (mediaId: string, continueOnFail = false) =>
	runNode({
		parameters: { resource: 'media', operation: 'download', wabaId: byId(env.emulator.ids.wabaId), mediaId, outputBinaryPropertyName: 'data' },
		credentials: env.credentials,
		continueOnFail,
	});

describe('credentials go only to the Base URL\'s host and Meta\'s media host', () => {
	it('refuses to download from a media URL that names another host, and says why and what to do', async () => {
		const id = seedMedia(env.emulator);
		env.emulator.faults.add({ kind: 'rewrite', method: 'GET', path: `/${id}`, rewrite: ({ body }) => ({ body: { ...(body as object), url: `${spy.url}/whatsapp_business/attachments/?mid=${id}` } }) });
		const { error } = await download(id);
		expect(spy.requests).toHaveLength(0);
		expect(error?.message).toContain('127.0.0.2');
		expect(error?.message).toMatch(/refused/i);
		expect(error?.description).toContain('lookaside.fbsbx.com');
		expect(error?.description).toMatch(/What to do:/);
		expect(`${error?.message} ${error?.description}`).not.toContain(env.credentials.accessToken);
	});

	it('with On Error: Continue, the refused download is that item\'s error, paired with it', async () => {
		const id = seedMedia(env.emulator);
		env.emulator.faults.add({ kind: 'rewrite', method: 'GET', path: `/${id}`, rewrite: ({ body }) => ({ body: { ...(body as object), url: `${spy.url}/file` } }) });
		const { items, error } = await download(id, true);
		expect(error).toBeUndefined();
		expect(spy.requests).toHaveLength(0);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(String(items[0].json.error)).toMatch(/refused/i);
	});

	it('does not follow a redirect to another host with the token: the download fails and the stranger sees nothing', async () => {
		const id = seedMedia(env.emulator);
		env.emulator.faults.add({ kind: 'rewrite', method: 'GET', path: `/${id}/download`, rewrite: () => ({ status: 302, headers: { location: `${spy.url}/cdn/file` }, body: {} }) });
		const { error } = await download(id);
		expect(spy.requests).toHaveLength(0);
		expect(error?.message).toMatch(/redirect/i);
		expect(error?.message).toContain('127.0.0.2');
	});

	it('does not follow a Graph call redirected to another host either', async () => {
		env.emulator.faults.add({ kind: 'rewrite', method: 'GET', path: `/${env.emulator.ids.wabaId}`, rewrite: () => ({ status: 301, headers: { location: `${spy.url}/${DEFAULT_GRAPH_VERSION}/${env.emulator.ids.wabaId}` }, body: {} }) });
		const { error } = await runNode({ parameters: { resource: 'account', operation: 'get', wabaId: byId(env.emulator.ids.wabaId) }, credentials: env.credentials });
		expect(spy.requests).toHaveLength(0);
		expect(error?.message).toMatch(/redirect/i);
	});

	it('follows a redirect on the same host, with the credential', async () => {
		const id = seedMedia(env.emulator, Buffer.from('same host'));
		env.emulator.faults.add({ kind: 'rewrite', method: 'GET', path: `/${id}/download`, rewrite: () => ({ status: 302, headers: { location: `/${id}/download?hop=1` }, body: {} }) });
		const { items, error } = await download(id);
		expect(error).toBeUndefined();
		expect(items[0].binary?.data).toBeDefined();
		const hops = env.emulator.calls('GET', `/${id}/download`);
		expect(hops.map((hop) => hop.query.hop)).toEqual([undefined, '1']);
		expect(hops[1].headers.authorization).toBe(`Bearer ${env.credentials.accessToken}`);
		expect(hops[1].query.appsecret_proof).toBeDefined();
	});
});

describe('which targets may carry the credential', () => {
	const META = 'https://graph.facebook.com';
	it.each([
		[META, 'https://graph.facebook.com/v23.0/123'],
		[META, 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1&ext=2&hash=3'],
		[META, 'https://LOOKASIDE.FBSBX.COM/whatsapp_business/attachments/?mid=1'],
		['https://proxy.example.com', 'https://proxy.example.com/v23.0/123'],
		['http://127.0.0.1:4000', 'http://127.0.0.1:4000/v23.0/123'],
		['http://localhost:4000', 'http://localhost:4000/123/download'],
		['http://[::1]:4000', 'http://[::1]:4000/123/download'],
	])('Base URL %s may send to %s', (baseUrl, target) => {
		expect(credentialTargetProblem(baseUrl, target)).toBeUndefined();
	});

	it.each([
		[META, 'http://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1', /https/],
		[META, 'http://graph.facebook.com/v23.0/123', /https/],
		['http://graph.facebook.com', 'http://graph.facebook.com/v23.0/123', /https/],
		['http://proxy.example.com', 'http://proxy.example.com/v23.0/123', /https/],
		[META, 'https://evil.example/whatsapp_business/attachments/', /evil\.example/],
		[META, 'https://lookaside.fbsbx.com.evil.example/x', /lookaside\.fbsbx\.com\.evil\.example/],
		[META, 'https://lookaside.fbsbx.com@evil.example/x', /evil\.example/],
		[META, 'https://graph.facebook.com:8443/v23.0/1', /graph\.facebook\.com:8443/],
		['http://127.0.0.1:4000', 'http://127.0.0.1:4001/x', /127\.0\.0\.1:4001/],
		['http://127.0.0.1:4000', 'http://lookaside.fbsbx.com/x', /https/],
		[META, 'ftp://graph.facebook.com/x', /https/],
		[META, 'not a url', /not a web address/],
	])('Base URL %s may not send to %s', (baseUrl, target, why) => {
		expect(credentialTargetProblem(baseUrl, target)).toMatch(why);
	});

	it('judges a target again under another Base URL (answers are remembered per pair of addresses)', () => {
		const target = 'https://proxy.example.com/v23.0/123';
		for (let round = 0; round < 2; round++) {
			expect(credentialTargetProblem('https://proxy.example.com', target)).toBeUndefined();
			expect(credentialTargetProblem(META, target)).toMatch(/proxy\.example\.com is neither/);
		}
	});
});
