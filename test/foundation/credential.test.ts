import { createHmac } from 'node:crypto';

import axios from 'axios';

import { WhatsAppBusinessPlatformApi } from '../../credentials/WhatsAppBusinessPlatformApi.credentials';
import { DEFAULT_GRAPH_VERSION } from '../../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import { useEmulator } from '../helpers';

const env = useEmulator({ requireAppSecretProof: true });
const credential = new WhatsAppBusinessPlatformApi();

/** Sends the credential's own test request the way n8n's credential tester does: authenticate(), then the request. */
async function runCredentialTest(accessToken: string) {
	const { emulator } = env;
	const data = { accessToken, appSecret: emulator.ids.appSecret, graphApiVersion: DEFAULT_GRAPH_VERSION, baseUrl: `${emulator.url}/` };
	const request = credential.test.request;
	const baseURL = `${data.baseUrl.replace(/\/+$/, '')}/${data.graphApiVersion}`;
	expect(request.baseURL).toBe('={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{$credentials.graphApiVersion}}');
	const options = await credential.authenticate(data, { url: request.url!, qs: { ...(request.qs ?? {}) } });
	const response = await axios.get(`${baseURL}${options.url}`, { headers: options.headers as Record<string, string>, params: options.qs, validateStatus: () => true });
	const rule = credential.test.rules?.find((candidate) => candidate.type === 'responseCode' && candidate.properties.value === response.status);
	return { status: response.status, body: response.data, message: rule?.properties.message };
}

describe('credential', () => {
	it('authenticates with a Bearer header and appsecret_proof, never the token in the query', async () => {
		const options = await credential.authenticate({ accessToken: 'tok-123', appSecret: 'sec-456' }, { url: '/me', qs: { fields: 'id' } });
		expect(options.headers).toEqual({ Authorization: 'Bearer tok-123' });
		expect(options.qs).toEqual({ fields: 'id', appsecret_proof: createHmac('sha256', 'sec-456').update('tok-123').digest('hex') });
	});

	it('computes the proof for the token and secret at hand, also right after another pair (the last proof is kept)', async () => {
		const proof = (token: string, secret: string) => createHmac('sha256', secret).update(token).digest('hex');
		for (const [accessToken, appSecret] of [['tok-1', 'sec-1'], ['tok-1', 'sec-1'], ['tok-2', 'sec-1'], ['tok-2', 'sec-2'], ['tok-1', 'sec-1']]) {
			const options = await credential.authenticate({ accessToken, appSecret }, { url: '/me' });
			expect(options.qs).toEqual({ appsecret_proof: proof(accessToken, appSecret) });
		}
	});

	it('sends no appsecret_proof without an app secret', async () => {
		const options = await credential.authenticate({ accessToken: 'tok-123', appSecret: '' }, { url: '/me' });
		expect(options.qs).toBeUndefined();
	});

	it('its test passes with a working token', async () => {
		const result = await runCredentialTest(env.emulator.ids.accessToken);
		expect(result.status).toBe(200);
		expect(result.body).toEqual({ id: env.emulator.ids.systemUserId, name: 'Automation System User' });
	});

	it('its test tells the user plainly when the token has expired', async () => {
		const result = await runCredentialTest(env.emulator.ids.expiredToken);
		expect(result.status).toBe(401);
		expect(result.message).toMatch(/invalid or has expired/);
	});
});
