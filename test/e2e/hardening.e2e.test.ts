/**
 * Hardening in a real n8n: n8n's own RoutingNode starts every item of a declarative operation at once, pairs
 * items its own way and its HTTP client follows redirects by itself; these cases prove the transport holds there.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { MAX_IN_FLIGHT_PER_NODE } from '../../nodes/WhatsAppBusinessPlatform/shared/constants';
import { byId, useN8n, type Json } from './support';

const e2e = useN8n();

/** A stranger's server on another loopback host (127.0.0.2). */
let spy: { url: string; requests: IncomingMessage[]; server: Server };
beforeAll(async () => {
	const requests: IncomingMessage[] = [];
	const server = createServer((req, res) => {
		requests.push(req);
		res.end('stolen');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
	spy = { url: `http://127.0.0.2:${(server.address() as AddressInfo).port}`, requests, server };
});
afterAll(async () => {
	await new Promise<void>((resolve) => spy.server.close(() => resolve()));
});
afterEach(() => {
	e2e.emulator.faults.clear();
	spy.requests.length = 0;
});

const itemsCode = (values: unknown[]) => ({
	name: 'Items',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: { jsCode: `return ${JSON.stringify(values)}.map((value) => ({ json: { value } }));` },
});

describe('hardening in real n8n', () => {
	it(`60 items of a management operation: at most ${MAX_IN_FLIGHT_PER_NODE} requests in flight, every item answered and paired`, async () => {
		const { emulator } = e2e;
		emulator.faults.add({ kind: 'slow', path: `/${emulator.ids.wabaId}`, delayMs: 40, times: Number.POSITIVE_INFINITY });
		emulator.peakInFlight = 0;
		const result = await e2e.run(
			e2e.manualWorkflow('e2e bounded in-flight', [
				itemsCode(Array.from({ length: 60 }, (_, index) => index)),
				{ name: 'Get', after: 'Items', parameters: { resource: 'account', operation: 'get', wabaId: byId(emulator.ids.wabaId), fields: ['id', 'name'] } },
			]),
		);
		const out = (result.execution.data.resultData.runData as Json).Get[0].data.main[0] as Json[];
		expect(out).toHaveLength(60);
		expect(out.map((item) => item.pairedItem)).toEqual(Array.from({ length: 60 }, (_, item) => ({ item })));
		expect(emulator.peakInFlight).toBeLessThanOrEqual(MAX_IN_FLIGHT_PER_NODE);
	});

	it('a list operation with On Error: Continue pairs its error item with the input that failed', async () => {
		const { emulator } = e2e;
		const workflow = e2e.manualWorkflow('e2e paired errors', [
			itemsCode([emulator.ids.businessId, '999999999']),
			{ name: 'List', after: 'Items', parameters: { resource: 'account', operation: 'getAll', businessId: '={{ $json.value }}', ownership: 'owned', returnAll: true } },
		]);
		workflow.nodes.find((node: Json) => node.name === 'List').onError = 'continueRegularOutput';
		const result = await e2e.run(workflow);
		const out = (result.execution.data.resultData.runData as Json).List[0].data.main[0] as Json[];
		expect(out.length).toBeGreaterThan(2);
		expect(out.every((item) => item.pairedItem !== undefined)).toBe(true);
		const failed = out.filter((item) => item.json.error !== undefined);
		expect(failed).toHaveLength(1);
		expect(failed[0].pairedItem).toEqual({ item: 1 });
	});

	it('Media → Download refuses a URL on another host, and a redirect to another host: the stranger sees no request', async () => {
		const { emulator } = e2e;
		const media = emulator.state.add({ id: emulator.state.newId(), type: 'media', wabaId: emulator.ids.wabaId, phoneNumberId: emulator.ids.phoneNumberId, mime_type: 'text/plain', file_size: 2, sha256: 'x' });
		emulator.state.mediaBytes.set(media.id, Buffer.from('hi'));
		const download = () =>
			e2e.run(e2e.manualWorkflow('e2e media hosts', [{ name: 'Download', parameters: { resource: 'media', operation: 'download', wabaId: byId(emulator.ids.wabaId), mediaId: media.id } }]));

		emulator.faults.add({ kind: 'rewrite', method: 'GET', path: `/${media.id}`, rewrite: ({ body }) => ({ body: { ...(body as object), url: `${spy.url}/file` } }) });
		const elsewhere = await download();
		expect(elsewhere.error('Download')).toMatch(/Refused to send the credential to http:\/\/127\.0\.0\.2/);

		emulator.faults.add({ kind: 'rewrite', method: 'GET', path: `/${media.id}/download`, rewrite: () => ({ status: 302, headers: { location: `${spy.url}/cdn` }, body: {} }) });
		const redirected = await download();
		expect(redirected.error('Download')).toMatch(/Refused to follow a redirect/);
		expect(spy.requests).toHaveLength(0);
	});
});
