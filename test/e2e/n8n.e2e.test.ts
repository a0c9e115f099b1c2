/**
 * End to end in a real n8n (the pinned npm package, scripts/n8n): the package is installed as a marketplace install,
 * the credential and workflows are created through n8n's public API, workflows run through its REST API, and an
 * in-process emulator stands in for Meta so the test can read its state.
 */
import { incomingMessage, statusDelivery, single, fieldValues, type WebhookContextIds } from '../emulator/webhookEvents';
import { byId, expectNoErrors, loadExamples, NODE, sleep, TRIGGER, triggerWorkflow, useN8n, type Json } from './support';

const e2e = useN8n();
const { timed } = e2e;
const manualWorkflow = (name: string, steps: Parameters<typeof e2e.manualWorkflow>[1]) => e2e.manualWorkflow(name, steps);
const run = (workflow: Json, timeoutMs?: number) => e2e.run(workflow, timeoutMs);

// --- (a) every resource ------------------------------------------------------------------------------------------

describe('action node in n8n, every resource against the emulator', () => {
	it('registers both node types from the marketplace install', async () => {
		const types = await e2e.n8n.nodeTypeNames();
		expect(types).toEqual(expect.arrayContaining([NODE, TRIGGER]));
	});

	it('account: get, list, subscribed apps, update', async () => {
		const { ids } = e2e.emulator;
		const result = await timed('resource: account', () =>
			run(
				manualWorkflow('e2e account', [
					{ name: 'Get', parameters: { resource: 'account', operation: 'get', wabaId: byId(ids.wabaId) } },
					{ name: 'List', parameters: { resource: 'account', operation: 'getAll', businessId: ids.businessId, ownership: 'owned', returnAll: true } },
					{ name: 'Apps', parameters: { resource: 'account', operation: 'getSubscribedApps', wabaId: byId(ids.wabaId) } },
					{ name: 'Update', parameters: { resource: 'account', operation: 'update', wabaId: byId(ids.secondWabaId), updateFields: { name: 'Acme Marketing (e2e)' } } },
				]),
			),
		);
		expectNoErrors(result);
		expect(result.out('Get')).toEqual([expect.objectContaining({ id: ids.wabaId, name: expect.any(String) })]);
		expect(result.out('List').map((item) => item.id)).toEqual(expect.arrayContaining([ids.wabaId, ids.secondWabaId]));
		expect(result.out('Apps')).toBeInstanceOf(Array);
		expect(result.out('Update')).toHaveLength(1);
		expect(e2e.emulator.state.get(ids.secondWabaId)!.name).toBe('Acme Marketing (e2e)');
	});

	it('template: list, get, create', async () => {
		const { ids } = e2e.emulator;
		const result = await timed('resource: template', () =>
			run(
				manualWorkflow('e2e template', [
					{ name: 'List', parameters: { resource: 'template', operation: 'getAll', wabaId: byId(ids.wabaId), returnAll: true, templateFilters: { status: 'APPROVED' } } },
					{ name: 'Get', parameters: { resource: 'template', operation: 'get', wabaId: byId(ids.wabaId), templateId: byId(ids.templateIds[0]), templateFields: ['id', 'name', 'status'] } },
					{
						name: 'Create',
						parameters: { resource: 'template', operation: 'create', wabaId: byId(ids.wabaId), name: 'e2e_notice', category: 'UTILITY', language: 'en_US', componentsSource: 'json', componentsJson: '[{"type":"BODY","text":"Hello from the e2e test"}]' },
					},
				]),
			),
		);
		expectNoErrors(result);
		const listed = result.out('List');
		expect(listed.length).toBeGreaterThanOrEqual(4);
		expect(listed.every((t) => t.status === 'APPROVED')).toBe(true);
		expect(result.out('Get')).toEqual([expect.objectContaining({ id: ids.templateIds[0], name: 'order_shipped', status: 'APPROVED' })]);
		const [created] = result.out('Create');
		expect(created).toEqual(expect.objectContaining({ id: expect.any(String) }));
		expect(e2e.emulator.state.get(String(created.id))).toEqual(expect.objectContaining({ name: 'e2e_notice' }));
	});

	it('phone number: get, list, business profile', async () => {
		const { ids } = e2e.emulator;
		const phone = { wabaId: byId(ids.wabaId), phoneNumberId: byId(ids.phoneNumberId) };
		const result = await timed('resource: phoneNumber', () =>
			run(
				manualWorkflow('e2e phone number', [
					{ name: 'Get', parameters: { resource: 'phoneNumber', operation: 'get', ...phone, phoneNumberFields: ['id', 'display_phone_number', 'quality_rating'] } },
					{ name: 'List', parameters: { resource: 'phoneNumber', operation: 'getAll', ...phone, returnAll: true } },
					{ name: 'Profile', parameters: { resource: 'phoneNumber', operation: 'getBusinessProfile', ...phone } },
				]),
			),
		);
		expectNoErrors(result);
		expect(result.out('Get')).toEqual([expect.objectContaining({ id: ids.phoneNumberId, display_phone_number: '+1 555-010-0001' })]);
		expect(result.out('List').map((p) => p.id)).toEqual(expect.arrayContaining([ids.phoneNumberId, ids.secondPhoneNumberId]));
		expect(result.out('Profile')[0]).toEqual(expect.objectContaining({ about: expect.any(String) }));
	});

	it('message: send text, send template, mark as read', async () => {
		const { ids } = e2e.emulator;
		const from = { wabaId: byId(ids.wabaId), phoneNumberId: byId(ids.phoneNumberId), to: '+1 (555) 010-4242' };
		const before = e2e.emulator.state.acceptedMessages.length;
		const result = await timed('resource: message', () =>
			run(
				manualWorkflow('e2e message', [
					{ name: 'Text', parameters: { resource: 'message', operation: 'send', ...from, messageType: 'text', textBody: 'Hello from n8n' } },
					{
						name: 'Template',
						parameters: {
							resource: 'message',
							operation: 'sendTemplate',
							...from,
							template: { __rl: true, mode: 'list', value: 'order_shipped|en_US' },
							templateParameterInput: 'fields',
							bodyParameters: { parameter: [{ type: 'text', text: 'Ana' }, { type: 'text', text: 'A-1001' }] },
							buttonParameters: { button: [{ index: 0, subType: 'url', value: 'A-1001' }] },
						},
					},
					{ name: 'Read', parameters: { resource: 'message', operation: 'markAsRead', ...from, messageId: 'wamid.E2E-IN-1' } },
				]),
			),
		);
		expectNoErrors(result);
		expect(result.out('Text')[0].messages).toEqual([{ id: expect.stringMatching(/^wamid\./) }]);
		expect(result.out('Template')[0].messages).toEqual([expect.objectContaining({ id: expect.stringMatching(/^wamid\./) })]);
		expect(result.out('Read')).toEqual([{ success: true, message_id: 'wamid.E2E-IN-1' }]);
		const accepted = e2e.emulator.state.acceptedMessages.slice(before).map((m) => m.body as Json);
		expect(accepted).toEqual([
			expect.objectContaining({ to: '15550104242', type: 'text', text: expect.objectContaining({ body: 'Hello from n8n' }) }),
			expect.objectContaining({ to: '15550104242', type: 'template', template: expect.objectContaining({ name: 'order_shipped' }) }),
		]);
	});

	it('media: upload binary from a Code node, get, download, delete', async () => {
		const { ids } = e2e.emulator;
		const phone = { wabaId: byId(ids.wabaId), phoneNumberId: byId(ids.phoneNumberId) };
		const bytes = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31) % 256));
		const result = await timed('resource: media', () =>
			run(
				manualWorkflow('e2e media', [
					{
						name: 'File',
						type: 'n8n-nodes-base.code',
						typeVersion: 2,
						parameters: { jsCode: `return [{ json: {}, binary: { data: { data: '${bytes.toString('base64')}', mimeType: 'image/png', fileName: 'chart.png' } } }];` },
					},
					{ name: 'Upload', after: 'File', parameters: { resource: 'media', operation: 'upload', ...phone, binaryPropertyName: 'data' } },
					{ name: 'Get', after: 'Upload', parameters: { resource: 'media', operation: 'get', ...phone, mediaId: '={{ $json.id }}' } },
					{ name: 'Download', after: 'Get', parameters: { resource: 'media', operation: 'download', ...phone, mediaId: '={{ $json.id }}' } },
					{ name: 'Delete', after: 'Download', parameters: { resource: 'media', operation: 'delete', ...phone, mediaId: "={{ $('Upload').item.json.id }}" } },
				]),
			),
		);
		expectNoErrors(result);
		const [uploaded] = result.out('Upload');
		expect(uploaded).toEqual(expect.objectContaining({ id: expect.any(String), mime_type: 'image/png', file_size: bytes.length }));
		expect(result.out('Get')[0]).toEqual(expect.objectContaining({ id: uploaded.id, url: expect.any(String) }));
		const downloadRun = (result.execution.data.resultData.runData as Json).Download[0].data.main[0][0];
		expect(Object.keys(downloadRun.binary ?? {})).toHaveLength(1);
		expect(result.out('Delete')[0]).toEqual(expect.objectContaining({ success: true }));
		expect(e2e.emulator.state.get(String(uploaded.id))).toBeUndefined();
	});

	it('assigned users: list, add, remove', async () => {
		const { ids } = e2e.emulator;
		const result = await timed('resource: assignedUser', () =>
			run(
				manualWorkflow('e2e assigned users', [
					{ name: 'List', parameters: { resource: 'assignedUser', operation: 'getAll', wabaId: byId(ids.wabaId), businessId: ids.businessId, returnAll: true } },
					{ name: 'Add', after: 'Start', parameters: { resource: 'assignedUser', operation: 'add', wabaId: byId(ids.secondWabaId), userId: ids.userId, tasks: ['MANAGE_TEMPLATES', 'VIEW_COST'] } },
					{ name: 'Remove', after: 'Add', parameters: { resource: 'assignedUser', operation: 'remove', wabaId: byId(ids.secondWabaId), userId: ids.userId } },
				]),
			),
		);
		expectNoErrors(result);
		expect(result.out('List').length).toBeGreaterThanOrEqual(1);
		expect(result.out('List')[0]).toEqual(expect.objectContaining({ id: expect.any(String) }));
		expect(result.out('Add')[0]).toEqual(expect.objectContaining({ success: true }));
		expect(result.out('Remove')[0]).toEqual(expect.objectContaining({ success: true }));
	});

	it('credit line: list, share + check (the example workflow), allocations', async () => {
		const { ids } = e2e.emulator;
		const result = await timed('resource: creditLine', () =>
			run(
				manualWorkflow('e2e credit line', [
					{ name: 'List', parameters: { resource: 'creditLine', operation: 'getAll', businessId: ids.businessId, returnAll: true } },
					{ name: 'Allocations', parameters: { resource: 'creditLine', operation: 'getAllocations', creditLineId: ids.extendedCreditId, returnAll: true } },
				]),
			),
		);
		expectNoErrors(result);
		expect(result.out('List')).toEqual([expect.objectContaining({ id: ids.extendedCreditId })]);
		expect(result.out('Allocations').map((a) => a.id)).toContain(ids.allocationConfigId);

		// The sandbox's example, imported as is.
		const example = loadExamples(e2e.credential).find((e: Json) => e.file === 'share-credit-line.json').workflow;
		const shared = await timed('example: share-credit-line', () => run(example));
		expectNoErrors(shared);
		expect(shared.out('Share credit line')).toEqual([expect.objectContaining({ allocation_config_id: expect.any(String), waba_id: ids.clientWabaId })]);
		expect(shared.out('Check sharing').length).toBeGreaterThanOrEqual(1);
	});

	it('example: send a template to a list of customers', async () => {
		const before = e2e.emulator.state.acceptedMessages.length;
		const example = loadExamples(e2e.credential).find((e: Json) => e.file === 'send-template-to-customers.json').workflow;
		const result = await timed('example: send-template-to-customers', () => run(example));
		expectNoErrors(result);
		expect(result.out('Send order_shipped')).toHaveLength(3);
		const accepted = e2e.emulator.state.acceptedMessages.slice(before);
		expect(accepted.map((m) => m.to).sort()).toEqual(['15550101234', '15550101235', '15550101236']);
	});
});

// --- (b) trigger -------------------------------------------------------------------------------------------------

describe('trigger in n8n: automatic subscription, signed events, tampered events, unpublish', () => {
	it('publishes, is subscribed with a handshake, runs on signed events only, and unsubscribes', async () => {
		const { ids } = e2e.emulator;
		const { workflow, webhookId } = triggerWorkflow(e2e.credential, 'e2e trigger', { subscriptionMode: 'automatic', wabaId: byId(ids.wabaId), events: ['messages', 'statuses', 'message_template_status_update'] });
		const wf = await e2e.n8n.createWorkflow(workflow);
		const callbackUrl = e2e.webhookUrl(webhookId);
		const handshakesBefore = e2e.emulator.handshakes.length;
		await timed('trigger: publish', () => e2e.n8n.publish(wf.id));

		const subscriptions = e2e.emulator.state.get(ids.wabaId)!.subscribedApps as Json[];
		expect(subscriptions).toEqual([expect.objectContaining({ override_callback_uri: callbackUrl, whatsapp_business_api_data: expect.objectContaining({ id: ids.appId }) })]);
		// Two handshakes: the app's callback (for the template event, which never reaches an override) and the override.
		expect(e2e.emulator.handshakes.slice(handshakesBefore)).toEqual([{ url: callbackUrl, ok: true, status: 200 }, { url: callbackUrl, ok: true, status: 200 }]);

		const ctx: WebhookContextIds = { wabaId: ids.wabaId, phoneNumberId: ids.phoneNumberId, displayPhoneNumber: '15550100001' };
		const executionsOf = async () => (await e2e.n8n.listExecutions(wf.id, { includeData: true })) as Json[];
		const waitForExecutions = async (count: number) => {
			for (let i = 0; i < 200; i++) {
				const list = await executionsOf();
				if (list.length >= count && list.every((e) => e.finished || e.status === 'success' || e.status === 'error')) return list;
				await sleep(100);
			}
			return await executionsOf();
		};
		const items = (execution: Json) => (execution.data.resultData.runData.Trigger?.[0]?.data?.main?.[0] ?? []).map((item: Json) => item.json);

		const deliveries = await timed('trigger: 3 signed events', async () => [
			await e2e.emulator.sendWebhook(callbackUrl, incomingMessage('text', ctx, { text: { body: 'Where is my order?' } })),
			await e2e.emulator.sendWebhook(callbackUrl, statusDelivery('delivered', ctx)),
			await e2e.emulator.sendWebhook(callbackUrl, single('message_template_status_update', fieldValues.message_template_status_update(ctx), ctx)),
		]);
		expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
		const executions = await waitForExecutions(3);
		expect(executions).toHaveLength(3);
		const all = executions.flatMap(items);
		expect(all).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ eventType: 'message', type: 'text', text: { body: 'Where is my order?' }, wabaId: ids.wabaId, phoneNumberId: ids.phoneNumberId }),
				expect.objectContaining({ eventType: 'status', status: 'delivered', wabaId: ids.wabaId }),
				expect.objectContaining({ field: 'message_template_status_update', event: 'REJECTED', wabaId: ids.wabaId }),
			]),
		);

		// Wrongly signed: 401 and no execution.
		const tampered = await e2e.emulator.sendWebhook(callbackUrl, incomingMessage('text', ctx, { text: { body: 'forged' } }), { signature: `sha256=${'0'.repeat(64)}` });
		expect(tampered.status).toBe(401);
		const unsigned = await e2e.emulator.sendWebhook(callbackUrl, incomingMessage('text', ctx), { signature: null });
		expect(unsigned.status).toBe(401);
		await sleep(1500);
		expect(await executionsOf()).toHaveLength(3);

		// Through the sandbox's control route as well: the emulator finds the callback itself.
		const inbound = await fetch(`${e2e.emulator.url}/_emulator/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'via control route' }) });
		expect(await inbound.json()).toEqual(expect.objectContaining({ delivered: true, url: callbackUrl, callbackStatus: 200 }));
		const afterInbound = await waitForExecutions(4);
		expect(afterInbound.flatMap(items)).toEqual(expect.arrayContaining([expect.objectContaining({ text: { body: 'via control route' } })]));

		await timed('trigger: unpublish', () => e2e.n8n.unpublish(wf.id));
		expect((e2e.emulator.state.get(ids.wabaId)!.subscribedApps as Json[]).filter((s) => s.override_callback_uri)).toEqual([]);
		expect(e2e.emulator.state.get(ids.appId)!.subscriptions ?? []).toEqual([]);
		const afterUnpublish = await e2e.emulator.sendWebhook(callbackUrl, incomingMessage('text', ctx));
		expect(afterUnpublish.status).toBe(404);
	});
});

describe('trigger examples of the sandbox, published in n8n', () => {
	it('auto-reply marks the message read and replies; alerts fire on a rejected template and a quality drop', async () => {
		const { ids } = e2e.emulator;
		const examples = loadExamples(e2e.credential) as Array<{ file: string; workflow: Json }>;
		const autoReply = await e2e.n8n.createWorkflow(examples.find((e) => e.file === 'auto-reply.json')!.workflow);
		const alerts = await e2e.n8n.createWorkflow(examples.find((e) => e.file === 'quality-alerts.json')!.workflow);
		await timed('examples: publish 2 trigger workflows', async () => {
			await e2e.n8n.publish(autoReply.id);
			await e2e.n8n.publish(alerts.id);
		});
		const before = e2e.emulator.state.acceptedMessages.length;
		const post = async (route: string, body: Json) =>
			(await (await fetch(`${e2e.emulator.url}/_emulator/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as Json;
		// The emulator routes like Meta: the message to the auto-reply's override, the template and quality events
		// (which never reach an override) to the app's callback URL, which the alert workflow took on publish.
		const alertsUrl = e2e.webhookUrl(alerts.nodes.find((n: Json) => n.type === TRIGGER).webhookId);
		expect(e2e.emulator.state.get(ids.appId)!.subscriptions).toEqual([
			expect.objectContaining({ callback_url: alertsUrl, fields: ['message_template_status_update', 'phone_number_quality_update'].map((name) => expect.objectContaining({ name })) }),
		]);
		expect(await post('inbound', { text: 'hello', from: '+1 555 010 9999', name: 'Dana' })).toEqual(expect.objectContaining({ delivered: true, via: 'override', callbackStatus: 200 }));
		expect(await post('event', { field: 'message_template_status_update', wabaId: ids.secondWabaId })).toEqual(expect.objectContaining({ delivered: true, via: 'app', url: alertsUrl }));
		expect(await post('event', { field: 'phone_number_quality_update', wabaId: ids.secondWabaId })).toEqual(expect.objectContaining({ delivered: true, via: 'app', url: alertsUrl }));
		// The app's callback carries every account's template events; the alert workflow keeps its own account's only.
		expect(await post('event', { field: 'message_template_status_update', wabaId: ids.wabaId })).toEqual(expect.objectContaining({ delivered: true, via: 'app', url: alertsUrl }));

		const finished = async (workflowId: string, count: number) => {
			for (let i = 0; i < 300; i++) {
				const list = (await e2e.n8n.listExecutions(workflowId, { includeData: true })) as Json[];
				if (list.length >= count && list.every((e) => e.status === 'success' || e.status === 'error' || e.status === 'crashed')) return list;
				await sleep(100);
			}
			throw new Error(`no ${count} finished executions of ${workflowId}`);
		};
		const [reply] = await finished(autoReply.id, 1);
		expect(reply.status).toBe('success');
		const runData = reply.data.resultData.runData as Json;
		expect(runData['Mark as read'][0].data.main[0][0].json).toEqual(expect.objectContaining({ success: true }));
		expect(runData.Reply[0].data.main[0][0].json.messages).toEqual([{ id: expect.stringMatching(/^wamid\./) }]);
		const sent = e2e.emulator.state.acceptedMessages.slice(before);
		expect(sent).toEqual([expect.objectContaining({ to: '15550109999', body: expect.objectContaining({ type: 'text', text: expect.objectContaining({ body: expect.stringContaining('"hello"') }) }) })]);
		expect(e2e.emulator.calls('POST', `/${ids.phoneNumberId}/messages`).some((c) => c.body.status === 'read')).toBe(true);

		const alertRuns = await finished(alerts.id, 2);
		await sleep(1000);
		expect(await e2e.n8n.listExecutions(alerts.id)).toHaveLength(2);
		const alertItems = alertRuns.flatMap((e) => (e.data.resultData.runData as Json).Alert[0].data.main[0].map((i: Json) => i.json));
		expect(alertItems).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ severity: 'high', alert: expect.stringContaining('was rejected') }),
				expect.objectContaining({ severity: 'high', alert: expect.stringContaining('dropped') }),
			]),
		);
		await e2e.n8n.unpublish(autoReply.id);
		await e2e.n8n.unpublish(alerts.id);
		expect(e2e.emulator.state.get(ids.appId)!.subscriptions).toEqual([]);
	});
});

// --- (c) 1,000 messages ------------------------------------------------------------------------------------------

describe('1,000 messages through n8n', () => {
	it('sends 1,000 text messages: all accepted once, none twice, 1,000 message ids in the output', async () => {
		const { ids } = e2e.emulator;
		const COUNT = 1000;
		const before = e2e.emulator.state.acceptedMessages.length;
		const workflow = manualWorkflow('e2e 1000 messages', [
			{
				name: 'Recipients',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: { jsCode: `return Array.from({ length: ${COUNT} }, (_, i) => ({ json: { to: '1555' + String(2000000 + i), n: i } }));` },
			},
			{
				name: 'Send',
				after: 'Recipients',
				parameters: { resource: 'message', operation: 'send', wabaId: byId(ids.wabaId), phoneNumberId: byId(ids.phoneNumberId), to: '={{ $json.to }}', messageType: 'text', textBody: '=Bulk message {{ $json.n }}', messagesPerSecond: 500 },
			},
		]);
		const t0 = Date.now();
		const result = await run(workflow, 240_000);
		const ms = Date.now() - t0;
		e2e.timings.push(['1,000 messages: create + run + wait', ms]);
		expectNoErrors(result);

		const accepted = e2e.emulator.state.acceptedMessages.slice(before);
		const keys = accepted.map((m) => `${m.to}|${String((m.body as Json).text?.body)}`);
		expect(accepted).toHaveLength(COUNT);
		expect(new Set(keys).size).toBe(COUNT);
		const expected = Array.from({ length: COUNT }, (_, i) => `1555${2000000 + i}|Bulk message ${i}`);
		expect([...keys].sort()).toEqual(expected.sort());

		const out = result.out('Send');
		const messageIds = out.flatMap((item) => (item.messages ?? []).map((m: Json) => m.id));
		expect(out).toHaveLength(COUNT);
		expect(new Set(messageIds).size).toBe(COUNT);
		expect(new Set(accepted.map((m) => m.id))).toEqual(new Set(messageIds));
		const started = Date.parse(result.execution.startedAt);
		const stopped = Date.parse(result.execution.stoppedAt);
		const sendMs = (result.execution.data.resultData.runData as Json).Send[0].executionTime;
		const firstAt = accepted[0].at;
		const lastAt = accepted[accepted.length - 1].at;
		// eslint-disable-next-line no-console
		console.log(
			`1,000 messages: execution ${((stopped - started) / 1000).toFixed(2)} s, Send node ${(sendMs / 1000).toFixed(2)} s, ` +
				`execution start->first accepted ${((firstAt - started) / 1000).toFixed(2)} s, ` +
				`first->last accepted ${((lastAt - firstAt) / 1000).toFixed(2)} s (${(COUNT / Math.max(0.001, (lastAt - firstAt) / 1000)).toFixed(0)} msg/s), ` +
				`emulator 130429 answers: ${e2e.emulator.calls('POST', `/${ids.phoneNumberId}/messages`).filter((c) => c.status === 400).length}, ` +
				`create+run+wait ${(ms / 1000).toFixed(2)} s`,
		);
	});
});
