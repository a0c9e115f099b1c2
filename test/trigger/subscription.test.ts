import { startTrigger } from '../harness/runWebhook';
import { byId, useEmulator } from '../helpers';
import { incomingMessage, statusDelivery, type WebhookContextIds } from '../emulator/webhookEvents';
import { clearLogs, itemsOf } from './helpers';

const env = useEmulator();

// The override carries messages and statuses; template and account events need the app's callback (test/routing/appCallback.test.ts).
const automatic = (wabaId: string, extra: Record<string, unknown> = {}) => ({ subscriptionMode: 'automatic', wabaId: byId(wabaId), events: ['messages', 'statuses'], ...extra });

describe('trigger: automatic subscription against the emulator', () => {
	const subscribedApps = () => (env.emulator.state.get(env.emulator.ids.wabaId)!.subscribedApps ?? []) as Array<Record<string, any>>;
	beforeEach(() => {
		clearLogs();
		env.emulator.state.get(env.emulator.ids.wabaId)!.subscribedApps = [];
		env.emulator.handshakes.length = 0;
	});

	it('activation sets the WABA\'s override callback to the trigger (Meta\'s handshake reaches its GET webhook); events flow; deactivation removes it', async () => {
		const { emulator, credentials } = env;
		const trigger = await startTrigger({ parameters: automatic(emulator.ids.wabaId), credentials });
		await trigger.activate();

		const [subscribe] = emulator.calls('POST', `/${emulator.ids.wabaId}/subscribed_apps`);
		expect(subscribe.body).toEqual({ override_callback_uri: trigger.webhookUrl, verify_token: credentials.verifyToken });
		expect(subscribe.query.appsecret_proof).toMatch(/^[0-9a-f]{64}$/);
		expect(emulator.handshakes).toEqual([{ url: trigger.webhookUrl, ok: true, status: 200 }]);
		expect(trigger.deliveries.map((delivery) => [delivery.method, delivery.status])).toEqual([['GET', 200]]);
		expect(subscribedApps()).toEqual([expect.objectContaining({ override_callback_uri: trigger.webhookUrl })]);
		expect(trigger.storedStaticData['node:WhatsApp Trigger']).toMatchObject({
			subscription: { wabaId: emulator.ids.wabaId, callbackUrl: trigger.webhookUrl, appWasSubscribed: false },
		});

		// Meta (the emulator's sender) now delivers events to the trigger, signed with the app secret.
		const ids: WebhookContextIds = { wabaId: emulator.ids.wabaId, phoneNumberId: emulator.ids.phoneNumberId, displayPhoneNumber: '15550783881' };
		const delivered = await emulator.sendWebhook(subscribedApps()[0].override_callback_uri, incomingMessage('text', ids));
		expect(delivered.status).toBe(200);
		expect(await itemsOf(trigger, trigger.deliveries.at(-1)!)).toEqual([expect.objectContaining({ type: 'text', wabaId: emulator.ids.wabaId, phoneNumberId: emulator.ids.phoneNumberId })]);
		const status = await emulator.sendWebhook(trigger.webhookUrl, statusDelivery('delivered', ids));
		expect(status.status).toBe(200);

		// n8n restarts / re-activates: checkExists finds the override and creates nothing.
		emulator.clearRequests();
		await trigger.activate('init');
		expect(emulator.calls('POST')).toHaveLength(0);

		await trigger.deactivate();
		expect(emulator.calls('DELETE', `/${emulator.ids.wabaId}/subscribed_apps`)).toHaveLength(1);
		expect(subscribedApps()).toEqual([]);
		expect(trigger.storedStaticData['node:WhatsApp Trigger']).not.toHaveProperty('subscription');
		await trigger.stop();
	});

	it('gives the events back to the app-level callback when the app was subscribed before', async () => {
		const { emulator, credentials } = env;
		const app = emulator.state.get(emulator.ids.appId)!;
		emulator.state.get(emulator.ids.wabaId)!.subscribedApps = [{ whatsapp_business_api_data: { id: app.id, link: app.link, name: app.name } }];
		const trigger = await startTrigger({ parameters: automatic(emulator.ids.wabaId), credentials });
		await trigger.activate();
		expect(subscribedApps()[0].override_callback_uri).toBe(trigger.webhookUrl);
		emulator.clearRequests();
		await trigger.deactivate();
		expect(emulator.calls('DELETE')).toHaveLength(0);
		const [restore] = emulator.calls('POST', `/${emulator.ids.wabaId}/subscribed_apps`);
		expect(restore.body).toEqual({});
		expect(subscribedApps()).toEqual([{ whatsapp_business_api_data: expect.objectContaining({ id: app.id }) }]);
		await trigger.stop();
	});

	it('two workflows, one per WABA, each own their events', async () => {
		const { emulator, credentials } = env;
		emulator.state.get(emulator.ids.secondWabaId)!.subscribedApps = [];
		const first = await startTrigger({ parameters: automatic(emulator.ids.wabaId), credentials, webhookId: 'aaaaaaaa-0000-4000-8000-000000000001' });
		const second = await startTrigger({ parameters: automatic(emulator.ids.secondWabaId), credentials, webhookId: 'aaaaaaaa-0000-4000-8000-000000000002' });
		await first.activate();
		await second.activate();
		const override = (wabaId: string) => (emulator.state.get(wabaId)!.subscribedApps as Array<Record<string, any>>)[0].override_callback_uri;
		expect(override(emulator.ids.wabaId)).toBe(first.webhookUrl);
		expect(override(emulator.ids.secondWabaId)).toBe(second.webhookUrl);
		await first.deactivate();
		expect(override(emulator.ids.secondWabaId)).toBe(second.webhookUrl);
		await second.deactivate();
		await first.stop();
		await second.stop();
	});

	it('refuses to take over a WABA whose events another callback owns, and leaves it alone', async () => {
		const { emulator, credentials } = env;
		const app = emulator.state.get(emulator.ids.appId)!;
		emulator.state.get(emulator.ids.wabaId)!.subscribedApps = [{ whatsapp_business_api_data: { id: app.id, link: app.link, name: app.name }, override_callback_uri: 'https://other.example.com/webhook' }];
		const trigger = await startTrigger({ parameters: automatic(emulator.ids.wabaId), credentials });
		await expect(trigger.activate()).rejects.toThrow(/already sends its webhooks to another callback URL/);
		expect(emulator.calls('POST')).toHaveLength(0);
		await trigger.stop();
	});

	it('does not remove an override that is no longer its own', async () => {
		const { emulator, credentials } = env;
		const trigger = await startTrigger({ parameters: automatic(emulator.ids.wabaId), credentials });
		await trigger.activate();
		(subscribedApps()[0] as Record<string, unknown>).override_callback_uri = 'https://someone-else.example.com/hook';
		emulator.clearRequests();
		await trigger.deactivate();
		expect(emulator.calls('DELETE')).toHaveLength(0);
		expect(emulator.calls('POST')).toHaveLength(0);
		await trigger.stop();
	});

	it.each([
		['no verify token', { verifyToken: '' }, /no Webhook Verify Token/],
		['no app secret', { appSecret: '' }, /no App Secret/],
	])('activation fails early with %s', async (_label, change, message) => {
		const trigger = await startTrigger({ parameters: automatic(env.emulator.ids.wabaId), credentials: { ...env.credentials, ...change } });
		await expect(trigger.activate()).rejects.toThrow(message);
		expect(env.emulator.calls('POST')).toHaveLength(0);
		await trigger.stop();
	});

	it('a Graph error on activation becomes an actionable node error', async () => {
		const trigger = await startTrigger({ parameters: automatic(env.emulator.ids.otherWabaId), credentials: env.credentials });
		const error = await trigger.activate().then(() => undefined, (thrown: Error & { description?: string }) => thrown);
		expect(error?.constructor.name).toBe('NodeApiError');
		expect(`${error?.message} ${error?.description}`).not.toContain(env.credentials.accessToken);
		expect(error?.message).toMatch(/Permission denied/);
		await trigger.stop();
	});
});

describe('trigger: manual subscription', () => {
	it('makes no Graph calls on activation or deactivation and answers the handshake the App Dashboard sends', async () => {
		const { emulator, credentials } = env;
		const trigger = await startTrigger({ parameters: { subscriptionMode: 'manual', events: ['messages'] }, credentials });
		await trigger.activate();
		expect(emulator.requests).toHaveLength(0);
		expect((await emulator.verifyCallback(trigger.webhookUrl, credentials.verifyToken!)).ok).toBe(true);
		await trigger.deactivate();
		expect(emulator.requests).toHaveLength(0);
		await trigger.stop();
	});

	it('still refuses activation without an app secret (unless unsigned requests are allowed)', async () => {
		const noSecret = { ...env.credentials, appSecret: '' };
		const strict = await startTrigger({ parameters: { subscriptionMode: 'manual', events: ['messages'] }, credentials: noSecret });
		await expect(strict.activate()).rejects.toThrow(/no App Secret/);
		await strict.stop();
		const unsafe = await startTrigger({ parameters: { subscriptionMode: 'manual', events: ['messages'], options: { allowUnsignedRequests: true } }, credentials: noSecret });
		await expect(unsafe.activate()).resolves.toBeUndefined();
		await unsafe.stop();
	});
});
