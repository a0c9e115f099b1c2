import { WhatsAppBusinessPlatformApi } from '../../credentials/WhatsAppBusinessPlatformApi.credentials';
import { DEFAULT_GRAPH_VERSION, currentGraphVersions, graphVersionStatus } from '../../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import { startEmulator } from '../emulator/server';
import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';

const env = useEmulator();
// The versions Meta (and so the emulator) serves today: the node and the emulator both judge by today's date.
const SERVED = currentGraphVersions();
const DEFAULT = DEFAULT_GRAPH_VERSION.replace('.', '\\.');
const getAccount = (wabaId: string) => ({ resource: 'account', operation: 'get', wabaId: byId(wabaId), fields: ['id', 'name'] });

describe('Graph API versions', () => {
	it(`defaults to ${DEFAULT_GRAPH_VERSION}, a version Meta serves, in the credential and when the credential has none`, async () => {
		const field = new WhatsAppBusinessPlatformApi().properties.find((property) => property.name === 'graphApiVersion');
		expect(field?.default).toBe(DEFAULT_GRAPH_VERSION);
		expect(SERVED).toContain(DEFAULT_GRAPH_VERSION);
		const { error } = await runNode({ parameters: getAccount(env.emulator.ids.wabaId), credentials: { ...env.credentials, graphApiVersion: '' } });
		expect(error).toBeUndefined();
		expect(env.emulator.requests.map((request) => request.version)).toEqual([DEFAULT_GRAPH_VERSION]);
	});

	it.each(SERVED)('sends through %s and the emulator serves it', async (version) => {
		const { items, error } = await runNode({ parameters: getAccount(env.emulator.ids.wabaId), credentials: { ...env.credentials, graphApiVersion: version } });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ id: env.emulator.ids.wabaId, name: 'Acme Support' });
		expect(env.emulator.requests.map((request) => [request.version, request.status])).toEqual([[version, 200]]);
	});

	it.each([
		['v20.0', new RegExp(`Graph API v20\\.0 expired on 2026-09-24.*Set "Graph API Version".*to ${DEFAULT}`)],
		['v13.0', new RegExp(`Graph API v13\\.0 expired.*to ${DEFAULT}`)],
		['25.0', new RegExp(`"25\\.0" is not a Graph API version.*such as ${DEFAULT}`)],
	])('refuses %s in the credential before any request, naming it and what to set instead', async (version, message) => {
		const { error } = await runNode({ parameters: getAccount(env.emulator.ids.wabaId), credentials: { ...env.credentials, graphApiVersion: version } });
		expect(error?.message).toMatch(message);
		expect(env.emulator.requests).toHaveLength(0);
	});

	it('the emulator answers an expired version with Meta\'s 2635 and an unknown one with 2500', async () => {
		const call = async (version: string) => {
			const response = await fetch(`${env.emulator.url}/${version}/${env.emulator.ids.wabaId}`, { headers: { authorization: `Bearer ${env.credentials.accessToken}` } });
			return { status: response.status, body: (await response.json()) as { error: Record<string, unknown> } };
		};
		const expired = await call('v20.0');
		expect(expired.status).toBe(400);
		expect(expired.body.error).toMatchObject({ code: 2635, type: 'OAuthException', message: `(#2635) You are calling a deprecated version of the Ads API. Please upgrade to the latest version: ${currentGraphVersions().at(-1)}.` });
		const unknown = await call('v99.0');
		expect(unknown.body.error).toMatchObject({ code: 2500, message: `Unknown path components: /v99.0/${env.emulator.ids.wabaId}` });
	});

	it('judges versions by date: v23.0 is refused once it expires, v26.0 before it was released', async () => {
		const later = await startEmulator({ today: new Date('2027-10-08T00:00:00Z'), validateAgainstSpec: false });
		const earlier = await startEmulator({ today: new Date('2026-03-01T00:00:00Z'), validateAgainstSpec: false });
		try {
			const status = async (emulator: typeof later, version: string) =>
				(await fetch(`${emulator.url}/${version}/${emulator.ids.wabaId}`, { headers: { authorization: `Bearer ${emulator.ids.accessToken}` } })).status;
			expect(await status(later, 'v23.0')).toBe(400);
			expect(await status(later, 'v24.0')).toBe(200);
			expect(await status(earlier, 'v26.0')).toBe(400);
			expect(await status(earlier, 'v25.0')).toBe(200);
		} finally {
			await later.stop();
			await earlier.stop();
		}
	});

	it('knows which versions Meta serves on a given day', () => {
		expect(currentGraphVersions(new Date('2026-11-30'))).toEqual(['v21.0', 'v22.0', 'v23.0', 'v24.0', 'v25.0', 'v26.0']);
		expect(graphVersionStatus('v21.0', new Date('2027-01-21'))).toEqual({ kind: 'expired', since: '2027-01-21' });
		expect(graphVersionStatus('v27.0', new Date('2026-11-30'))).toEqual({ kind: 'newer' });
	});
});
