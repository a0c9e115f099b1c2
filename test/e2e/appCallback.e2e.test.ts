/**
 * Template events in real n8n: Meta sends them only to the app's callback URL, never to an account's override.
 * A trigger that chooses one either takes the app's callback on publish (and gives it back on unpublish), or
 * publishing stops with the reason n8n shows in the editor.
 */
import { DEFAULT_GRAPH_VERSION } from '../../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import { byId, CREDENTIAL_TYPE, sleep, triggerWorkflow, useN8n, type Json } from './support';

const e2e = useN8n();
const TEMPLATE = 'message_template_status_update';

function appTrigger(name: string, credential: { id: string; name: string }, wabaId: string, events: string[]) {
	const { workflow, webhookId } = triggerWorkflow(credential, name, { subscriptionMode: 'automatic', wabaId: byId(wabaId), events });
	return { workflow, url: () => e2e.webhookUrl(webhookId) };
}

const post = async (route: string, body: Json) =>
	(await (await fetch(`${e2e.emulator.url}/_emulator/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as Json;
const publishError = async (id: string) => await e2e.n8n.publish(id).then(() => undefined, (error: Error) => error.message);
const appSubscriptions = () => (e2e.emulator.state.get(e2e.emulator.ids.appId)!.subscriptions ?? []) as Json[];

describe('trigger in n8n: template events through the app\'s callback URL', () => {
	beforeEach(() => {
		const { ids } = e2e.emulator;
		e2e.emulator.state.get(ids.appId)!.subscriptions = [];
		for (const wabaId of [ids.wabaId, ids.secondWabaId]) e2e.emulator.state.get(wabaId)!.subscribedApps = [];
	});

	it('with the App ID: takes the app\'s callback on publish, runs on a template event, gives the callback back on unpublish', async () => {
		const { ids } = e2e.emulator;
		const { workflow, url } = appTrigger('e2e app callback', e2e.credential, ids.wabaId, ['messages', TEMPLATE]);
		const wf = await e2e.n8n.createWorkflow(workflow);
		await e2e.timed('app callback: publish', () => e2e.n8n.publish(wf.id));
		expect(appSubscriptions()).toEqual([expect.objectContaining({ object: 'whatsapp_business_account', callback_url: url(), active: true })]);
		expect(e2e.emulator.calls('POST', `/${ids.appId}/subscriptions`).at(-1)!.headers.authorization).toBe(`Bearer ${ids.appId}|${ids.appSecret}`);

		expect(await post('event', { field: TEMPLATE, wabaId: ids.wabaId })).toEqual(expect.objectContaining({ delivered: true, via: 'app', url: url(), callbackStatus: 200 }));
		let executions: Json[] = [];
		for (let i = 0; i < 100 && !executions.some((e) => e.status === 'success'); i++) {
			await sleep(100);
			executions = (await e2e.n8n.listExecutions(wf.id, { includeData: true })) as Json[];
		}
		const items = executions.flatMap((e) => (e.data.resultData.runData.Trigger?.[0]?.data?.main?.[0] ?? []).map((item: Json) => item.json));
		expect(items).toEqual([expect.objectContaining({ field: TEMPLATE, event: 'REJECTED', wabaId: ids.wabaId })]);

		await e2e.timed('app callback: unpublish', () => e2e.n8n.unpublish(wf.id));
		expect(appSubscriptions()).toEqual([]);
		expect(await post('event', { field: TEMPLATE, wabaId: ids.wabaId })).toEqual(expect.objectContaining({ delivered: false }));
	});

	it('without an App ID: publishing stops with what to add or remove, and nothing changes at Meta', async () => {
		const { ids } = e2e.emulator;
		const created = await e2e.n8n.createCredential('WhatsApp (no App ID)', CREDENTIAL_TYPE, {
			accessToken: ids.accessToken,
			appSecret: ids.appSecret,
			verifyToken: ids.verifyToken,
			graphApiVersion: DEFAULT_GRAPH_VERSION,
			baseUrl: e2e.emulator.url,
		});
		const { workflow } = appTrigger('e2e no app id', { id: created.id, name: created.name }, ids.wabaId, ['messages', TEMPLATE]);
		const wf = await e2e.n8n.createWorkflow(workflow);
		e2e.emulator.clearRequests();
		const error = await publishError(wf.id);
		// What the editor shows next to the trigger when publishing fails.
		expect(error).toContain('"Message Template Status Update" need the App ID in the credential: add it, or remove these events from "Trigger On"');
		expect(e2e.emulator.calls('POST')).toEqual([]);
		expect(appSubscriptions()).toEqual([]);
		expect(e2e.emulator.state.get(ids.wabaId)!.subscribedApps).toEqual([]);
	});

	it('when another workflow owns the app\'s callback: publishing stops and names it; messages-only workflows still publish', async () => {
		const { ids } = e2e.emulator;
		const owner = appTrigger('e2e owner', e2e.credential, ids.wabaId, [TEMPLATE]);
		const second = appTrigger('e2e second', e2e.credential, ids.secondWabaId, ['messages', TEMPLATE]);
		const messagesOnly = appTrigger('e2e messages only', e2e.credential, ids.secondWabaId, ['messages', 'statuses']);
		const ownerWf = await e2e.n8n.createWorkflow(owner.workflow);
		const secondWf = await e2e.n8n.createWorkflow(second.workflow);
		const messagesWf = await e2e.n8n.createWorkflow(messagesOnly.workflow);
		await e2e.n8n.publish(ownerWf.id);

		const error = await publishError(secondWf.id);
		expect(error).toContain(`The app's callback URL already points elsewhere (${owner.url()}), and Meta sends "Message Template Status Update" only there`);
		expect(appSubscriptions()).toEqual([expect.objectContaining({ callback_url: owner.url() })]);
		expect(e2e.emulator.state.get(ids.secondWabaId)!.subscribedApps).toEqual([]);

		await e2e.n8n.publish(messagesWf.id);
		expect(await post('inbound', { text: 'still mine', wabaId: ids.secondWabaId })).toEqual(expect.objectContaining({ delivered: true, via: 'override', url: messagesOnly.url() }));

		await e2e.n8n.unpublish(messagesWf.id);
		await e2e.n8n.unpublish(ownerWf.id);
		expect(appSubscriptions()).toEqual([]);
	});
});
