import { displayParameter } from 'n8n-workflow';

import { DEFAULT_GRAPH_VERSION } from '../../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import { OVERRIDE_FIELDS, destinationOf, routeChoices } from '../../nodes/WhatsAppBusinessPlatformTrigger/routing';
import { WhatsAppBusinessPlatformTrigger } from '../../nodes/WhatsAppBusinessPlatformTrigger/WhatsAppBusinessPlatformTrigger.node';
import { callbackFor } from '../emulator/control';
import { fieldValues, single, type WebhookContextIds } from '../emulator/webhookEvents';
import { startTrigger, type TriggerHarness } from '../harness/runWebhook';
import { byId, useEmulator } from '../helpers';
import { itemsOf } from '../trigger/helpers';

const env = useEmulator();
const TEMPLATE = 'message_template_status_update';
const QUALITY = 'phone_number_quality_update';
const trigger = (wabaId: string, events: string[], options: { appId?: string; webhookId?: string } = {}) =>
	startTrigger({
		parameters: { subscriptionMode: 'automatic', wabaId: byId(wabaId), events, options: {} },
		credentials: { ...env.credentials, appId: 'appId' in options ? options.appId : env.emulator.ids.appId },
		webhookId: options.webhookId,
	});
const appSubscriptions = () => (env.emulator.state.get(env.emulator.ids.appId)!.subscriptions ?? []) as Array<Record<string, any>>;
const subscribedApps = (wabaId: string) => (env.emulator.state.get(wabaId)!.subscribedApps ?? []) as Array<Record<string, any>>;
const controlEvent = async (field: string, wabaId: string) =>
	(await (await fetch(`${env.emulator.url}/_emulator/event`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ field, wabaId }) })).json()) as Record<string, any>;
const lastItems = async (harness: TriggerHarness) => await itemsOf(harness, harness.deliveries.at(-1)!);

describe('routing table: where Meta delivers each field', () => {
	it('is Meta\'s "Webhook overrides" list: only these fields reach an override, everything else the app\'s callback', () => {
		expect([...OVERRIDE_FIELDS].sort()).toEqual(
			['messages', 'message_echoes', 'calls', 'consumer_profile', 'messaging_handovers', 'standby', 'group_lifecycle_update', 'group_participants_update', 'group_settings_update', 'group_status_update', 'smb_message_echoes', 'smb_app_state_sync', 'history', 'account_settings_update'].sort(),
		);
		for (const field of [TEMPLATE, 'message_template_quality_update', 'message_template_components_update', 'template_category_update', 'account_update', 'account_review_update', 'account_alerts', QUALITY, 'security']) {
			expect(destinationOf(field)).toBe('app');
		}
		expect(routeChoices(['statuses', 'messages', TEMPLATE, 'history'])).toEqual({ override: ['messages', 'history'], app: [TEMPLATE] });
	});

	it('the editor explains the app\'s callback as soon as an event that needs it is chosen in automatic mode', () => {
		const notice = new WhatsAppBusinessPlatformTrigger().description.properties.find((property) => property.name === 'appCallbackNotice')!;
		const shown = (subscriptionMode: string, events: string[]) => displayParameter({ subscriptionMode, events }, notice, null, null);
		expect(shown('automatic', ['messages', TEMPLATE])).toBe(true);
		expect(shown('automatic', [QUALITY])).toBe(true);
		expect(shown('automatic', ['messages', 'statuses'])).toBe(false);
		expect(shown('manual', [TEMPLATE])).toBe(false);
	});
});

describe('emulator: delivers each field where Meta would', () => {
	beforeEach(() => {
		const { ids } = env.emulator;
		env.emulator.state.get(ids.appId)!.subscriptions = [];
		env.emulator.state.get(ids.wabaId)!.subscribedApps = [{ whatsapp_business_api_data: { id: ids.appId }, override_callback_uri: 'https://override.example/hook' }];
	});

	it('override fields to the override, template and account fields only to the app\'s callback', () => {
		const { ids } = env.emulator;
		expect(callbackFor(env.emulator, ids.wabaId, 'messages')).toEqual({ url: 'https://override.example/hook', via: 'override' });
		expect(callbackFor(env.emulator, ids.wabaId, TEMPLATE)).toEqual({ error: expect.stringMatching(/goes only to the app's callback URL.*the app has none/) });
		env.emulator.state.get(ids.appId)!.subscriptions = [{ object: 'whatsapp_business_account', callback_url: 'https://app.example/hook', active: true, fields: [{ name: TEMPLATE, version: 'v25.0' }] }];
		expect(callbackFor(env.emulator, ids.wabaId, TEMPLATE)).toEqual({ url: 'https://app.example/hook', via: 'app' });
		expect(callbackFor(env.emulator, ids.wabaId, 'account_update')).toEqual({ error: expect.stringMatching(/does not include account_update/) });
		// Without an override, override fields fall back to the app's callback, if it subscribed them.
		env.emulator.state.get(ids.wabaId)!.subscribedApps = [{ whatsapp_business_api_data: { id: ids.appId } }];
		expect(callbackFor(env.emulator, ids.wabaId, 'messages')).toEqual({ error: expect.stringMatching(/no override callback.*does not include messages/) });
		// A phone number's own override comes first, for override fields only.
		env.emulator.state.get(ids.wabaId)!.subscribedApps = [{ whatsapp_business_api_data: { id: ids.appId }, override_callback_uri: 'https://override.example/hook' }];
		env.emulator.state.get(ids.phoneNumberId)!.webhookConfiguration = { override_callback_uri: 'https://number.example/hook' };
		try {
			expect(callbackFor(env.emulator, ids.wabaId, 'messages', ids.phoneNumberId)).toEqual({ url: 'https://number.example/hook', via: 'override' });
			expect(callbackFor(env.emulator, ids.wabaId, 'messages', ids.secondPhoneNumberId)).toEqual({ url: 'https://override.example/hook', via: 'override' });
			expect(callbackFor(env.emulator, ids.wabaId, TEMPLATE, ids.phoneNumberId)).toEqual({ url: 'https://app.example/hook', via: 'app' });
		} finally {
			delete env.emulator.state.get(ids.phoneNumberId)!.webhookConfiguration;
		}
		env.emulator.state.get(ids.wabaId)!.subscribedApps = [];
		expect(callbackFor(env.emulator, ids.wabaId, TEMPLATE)).toEqual({ error: expect.stringMatching(/has not subscribed the app/) });
	});

	it('answers app webhook calls only with an app access token (#15), as Meta does', async () => {
		const { ids } = env.emulator;
		const call = async (token: string) => await fetch(`${env.emulator.url}/${DEFAULT_GRAPH_VERSION}/${ids.appId}/subscriptions`, { headers: { authorization: `Bearer ${token}` } });
		const refused = await call(env.credentials.accessToken);
		expect(refused.status).toBe(400);
		expect(((await refused.json()) as any).error).toMatchObject({ code: 15, message: '(#15) This method must be called with an app access_token.' });
		expect((await call(`${ids.appId}|${ids.appSecret}`)).status).toBe(200);
	});
});

describe('trigger: template and account events through the app\'s callback URL', () => {
	beforeEach(() => {
		const { ids } = env.emulator;
		env.emulator.state.get(ids.appId)!.subscriptions = [];
		env.emulator.state.get(ids.wabaId)!.subscribedApps = [];
		env.emulator.state.get(ids.secondWabaId)!.subscribedApps = [];
		env.emulator.handshakes.length = 0;
	});

	it('takes the app\'s callback for template and quality events (app token, handshake), receives them, drops other accounts\' and gives everything back', async () => {
		const { emulator, credentials } = env;
		const { ids } = emulator;
		const harness = await trigger(ids.wabaId, [TEMPLATE, QUALITY]);
		await harness.activate();

		const [subscribe] = emulator.calls('POST', `/${ids.appId}/subscriptions`);
		expect(subscribe.body).toEqual({ object: 'whatsapp_business_account', callback_url: harness.webhookUrl, verify_token: credentials.verifyToken, fields: `${TEMPLATE},${QUALITY}` });
		expect(subscribe.headers.authorization).toBe(`Bearer ${ids.appId}|${ids.appSecret}`);
		expect(emulator.handshakes).toEqual([{ url: harness.webhookUrl, ok: true, status: 200 }]);
		// No override (no override field chosen), but the WABA must be subscribed to the app for Meta to send anything.
		expect(subscribedApps(ids.wabaId)).toEqual([{ whatsapp_business_api_data: expect.objectContaining({ id: ids.appId }) }]);
		expect(harness.storedStaticData['node:WhatsApp Trigger']).toMatchObject({ subscription: { override: false, appWasSubscribed: false, appCallback: { appId: ids.appId, fields: [TEMPLATE, QUALITY] } } });

		expect(await controlEvent(TEMPLATE, ids.wabaId)).toMatchObject({ delivered: true, via: 'app', url: harness.webhookUrl });
		expect(await lastItems(harness)).toEqual([expect.objectContaining({ field: TEMPLATE, event: 'REJECTED', wabaId: ids.wabaId })]);
		expect(await controlEvent(QUALITY, ids.wabaId)).toMatchObject({ delivered: true, via: 'app' });
		expect(await lastItems(harness)).toEqual([expect.objectContaining({ field: QUALITY, wabaId: ids.wabaId })]);

		// The app's callback also carries other accounts' template events: this trigger keeps its own account's only.
		const otherIds: WebhookContextIds = { wabaId: ids.secondWabaId, phoneNumberId: ids.secondPhoneNumberId, displayPhoneNumber: '15550100002' };
		const executionsBefore = harness.deliveries.filter((delivery) => delivery.execution).length;
		expect((await emulator.sendWebhook(harness.webhookUrl, single(TEMPLATE, fieldValues[TEMPLATE](otherIds), otherIds))).status).toBe(200);
		expect(harness.deliveries.filter((delivery) => delivery.execution)).toHaveLength(executionsBefore);

		// Restart: checkExists finds everything in place and changes nothing.
		emulator.clearRequests();
		await harness.activate('init');
		expect(emulator.calls('POST')).toHaveLength(0);

		await harness.deactivate();
		expect(emulator.calls('DELETE', `/${ids.appId}/subscriptions`)).toHaveLength(1);
		expect(appSubscriptions()).toEqual([]);
		expect(subscribedApps(ids.wabaId)).toEqual([]);
		expect(await controlEvent(TEMPLATE, ids.wabaId)).toMatchObject({ delivered: false });
		await harness.stop();
	});

	it('messages and template events together: the override for messages, the app\'s callback for templates', async () => {
		const { emulator } = env;
		const { ids } = emulator;
		const harness = await trigger(ids.wabaId, ['messages', 'statuses', TEMPLATE]);
		await harness.activate();
		expect(subscribedApps(ids.wabaId)).toEqual([expect.objectContaining({ override_callback_uri: harness.webhookUrl })]);
		// The app's field list also names the override's fields: it decides which fields Meta sends at all.
		expect(appSubscriptions()).toEqual([expect.objectContaining({ callback_url: harness.webhookUrl, fields: [TEMPLATE, 'messages'].map((name) => expect.objectContaining({ name })) })]);
		const inbound = (await (await fetch(`${emulator.url}/_emulator/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hi' }) })).json()) as Record<string, any>;
		expect(inbound).toMatchObject({ delivered: true, via: 'override' });
		expect(await controlEvent(TEMPLATE, ids.wabaId)).toMatchObject({ delivered: true, via: 'app' });
		await harness.deactivate();
		expect(appSubscriptions()).toEqual([]);
		expect(subscribedApps(ids.wabaId)).toEqual([]);
		await harness.stop();
	});

	it('without an App ID, refuses before any call and says what to add or remove', async () => {
		const harness = await trigger(env.emulator.ids.wabaId, ['messages', TEMPLATE], { appId: '' });
		const error = await harness.activate().then(() => undefined, (thrown: Error & { description?: string }) => thrown);
		expect(error?.message).toBe('"Message Template Status Update" need the App ID in the credential: add it, or remove these events from "Trigger On"');
		expect(error?.description).toMatch(/only to the app's callback URL.*App Dashboard → App settings → Basic/);
		expect(env.emulator.requests).toHaveLength(0);
		await harness.stop();
	});

	it('refuses when another callback owns the app\'s webhooks, naming it, and changes nothing', async () => {
		const { ids } = env.emulator;
		env.emulator.state.get(ids.appId)!.subscriptions = [{ object: 'whatsapp_business_account', callback_url: 'https://crm.example/meta', active: true, fields: [{ name: 'messages', version: 'v25.0' }] }];
		const harness = await trigger(ids.wabaId, ['messages', TEMPLATE]);
		await expect(harness.activate()).rejects.toThrow('The app\'s callback URL already points elsewhere (https://crm.example/meta), and Meta sends "Message Template Status Update" only there: remove these events from "Trigger On", or free the app\'s callback first');
		expect(env.emulator.calls('POST')).toHaveLength(0);
		expect(appSubscriptions()[0].callback_url).toBe('https://crm.example/meta');
		await harness.stop();
	});

	it('several workflows keep their own accounts\' messages; one of them owns the template events until it is deactivated', async () => {
		const { ids } = env.emulator;
		const first = await trigger(ids.wabaId, ['messages', TEMPLATE], { webhookId: 'bbbbbbbb-0000-4000-8000-000000000001' });
		const second = await trigger(ids.secondWabaId, ['messages'], { webhookId: 'bbbbbbbb-0000-4000-8000-000000000002' });
		const third = await trigger(ids.secondWabaId, [TEMPLATE], { webhookId: 'bbbbbbbb-0000-4000-8000-000000000003' });
		await first.activate();
		await second.activate();
		expect(subscribedApps(ids.secondWabaId)[0].override_callback_uri).toBe(second.webhookUrl);
		await expect(third.activate()).rejects.toThrow(`already points elsewhere (${first.webhookUrl})`);
		await first.deactivate();
		await third.activate();
		expect(appSubscriptions()[0].callback_url).toBe(third.webhookUrl);
		// The second account was subscribed already (by the second workflow's override): the third leaves it be.
		await third.deactivate();
		expect(subscribedApps(ids.secondWabaId)[0].override_callback_uri).toBe(second.webhookUrl);
		await second.deactivate();
		expect(subscribedApps(ids.secondWabaId)).toEqual([]);
		await Promise.all([first.stop(), second.stop(), third.stop()]);
	});

	it('a webhook URL longer than Meta\'s 200 characters for an override is refused before any call, and by the emulator', async () => {
		const { ids } = env.emulator;
		const harness = await trigger(ids.wabaId, ['messages'], { webhookId: 'x'.repeat(200) });
		const error = await harness.activate().then(() => undefined, (thrown: Error) => thrown);
		expect(error?.message).toBe(`This workflow's webhook URL has ${harness.webhookUrl.length} characters; Meta accepts at most 200 for an account's override callback`);
		expect(env.emulator.requests).toHaveLength(0);
		await harness.stop();
		const direct = await fetch(`${env.emulator.url}/${DEFAULT_GRAPH_VERSION}/${ids.wabaId}/subscribed_apps`, {
			method: 'POST',
			headers: { authorization: `Bearer ${env.credentials.accessToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({ override_callback_uri: `https://example.com/${'x'.repeat(200)}`, verify_token: 't' }),
		});
		expect(((await direct.json()) as any).error).toMatchObject({ code: 100, message: '(#100) Param override_callback_uri must be at most 200 characters long.' });
	});

	it('a failure after taking the app\'s callback gives it back', async () => {
		const { ids } = env.emulator;
		env.emulator.faults.add({ kind: 'graphError', method: 'POST', path: `/${ids.wabaId}/subscribed_apps`, status: 403, graphError: { code: 200, message: '(#200) Permissions error' } });
		const harness = await trigger(ids.wabaId, ['messages', TEMPLATE]);
		await expect(harness.activate()).rejects.toThrow(/Permission/);
		expect(appSubscriptions()).toEqual([]);
		await harness.stop();
	});
});
