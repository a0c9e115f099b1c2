import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';
import { binaryItem } from '../messaging/helpers';

const env = useEmulator();

const flow = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'flow', operation, ...extra });
const goodJson = JSON.stringify({ version: '7.2', screens: [{ id: 'WELCOME', title: 'Welcome', terminal: true, layout: { type: 'SingleColumnLayout', children: [] } }] }, null, 2);
const badJson = '{\n  "version": "7.2",\n  "initial-text": "hi",\n  "screens": [\n    { "id": "WELCOME" }\n  ]\n}';

describe('Flows', () => {
	it('creates a draft, uploads Flow JSON from a file, publishes (flows webhook), previews, reads metrics, deprecates', async () => {
		const { emulator, credentials } = env;
		const created = await runNode({ parameters: flow('create', { wabaId: byId(emulator.ids.wabaId), name: 'Appointment booking', categories: ['APPOINTMENT_BOOKING'], flowJsonSource: 'none', flowOptions: { endpointUri: 'https://example.com/flow' } }), credentials });
		expect(created.error).toBeUndefined();
		expect(emulator.calls('POST', `/${emulator.ids.wabaId}/flows`)[0].body).toEqual({ name: 'Appointment booking', categories: ['APPOINTMENT_BOOKING'], endpoint_uri: 'https://example.com/flow' });
		const flowId = String(created.items[0].json.id);

		const uploaded = await runNode({ parameters: flow('uploadJson', { flowId, flowJsonSource: 'binary', binaryPropertyName: 'file' }), items: [binaryItem(Buffer.from(goodJson), 'application/json', 'flow.json', 'file')], credentials });
		expect(uploaded.error).toBeUndefined();
		expect(uploaded.items[0].json).toEqual({ success: true, validation_errors: [], flowId });
		expect(emulator.state.get(flowId)!.flowJson).toBe(goodJson);

		const published = await runNode({ parameters: flow('publish', { flowId }), credentials });
		expect(published.items[0].json).toEqual({ success: true, flowId });
		expect(emulator.state.emittedWebhooks.filter((hook) => hook.field === 'flows').at(-1)?.value).toMatchObject({ event: 'FLOW_STATUS_CHANGE', flow_id: flowId, old_status: 'DRAFT', new_status: 'PUBLISHED' });

		const read = await runNode({ parameters: flow('get', { flowId, flowFields: ['id', 'name', 'status'] }), credentials });
		expect(read.items[0].json).toEqual({ id: flowId, name: 'Appointment booking', status: 'PUBLISHED' });

		const preview = await runNode({ parameters: flow('getPreviewUrl', { flowId, invalidate: true }), credentials });
		expect(emulator.calls('GET', `/${flowId}`).at(-1)!.query.fields).toBe('preview.invalidate(true)');
		expect(String(preview.items[0].json.preview_url)).toMatch(new RegExp(`/flows/${flowId}/preview/\\?token=`));

		const metrics = await runNode({ parameters: flow('getMetrics', { flowId, metric: 'ENDPOINT_REQUEST_COUNT', granularity: 'DAY', since: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10), until: new Date().toISOString().slice(0, 10) }), credentials });
		expect(metrics.error).toBeUndefined();
		expect(emulator.calls('GET', `/${flowId}`).at(-1)!.query.fields).toMatch(/^metric\.name\(ENDPOINT_REQUEST_COUNT\)\.granularity\(DAY\)\.since\(\d{4}-\d{2}-\d{2}\)\.until\(\d{4}-\d{2}-\d{2}\)$/);
		expect(metrics.items).toHaveLength(3);
		expect(metrics.items[0].json).toMatchObject({ flowId, metric: 'ENDPOINT_REQUEST_COUNT', value: 100 });

		const changeAfterPublish = await runNode({ parameters: flow('uploadJson', { flowId, flowJsonSource: 'parameter', flowJson: goodJson }), credentials });
		expect(changeAfterPublish.error?.message).toBe('The Flow can no longer be changed [code 139001]');
		const deleteAfterPublish = await runNode({ parameters: flow('delete', { flowId }), credentials });
		expect(deleteAfterPublish.error?.description).toContain('Flow → Deprecate');

		const deprecated = await runNode({ parameters: flow('deprecate', { flowId }), credentials });
		expect(deprecated.items[0].json).toEqual({ success: true, flowId });
		expect(emulator.state.emittedWebhooks.at(-1)).toMatchObject({ wabaId: emulator.ids.wabaId, field: 'flows', value: { old_status: 'PUBLISHED', new_status: 'DEPRECATED' } });
	});

	it('stops with Meta\'s validation errors, each with its line and column, and says what to do', async () => {
		const { emulator, credentials } = env;
		const created = await runNode({ parameters: flow('create', { wabaId: byId(emulator.ids.wabaId), name: 'Broken flow', categories: ['OTHER'], flowJsonSource: 'parameter', flowJson: badJson }), credentials });
		expect(created.error?.message).toMatch(/^Meta found 2 problems in the Flow JSON of Flow \d+$/);
		expect(created.error?.description).toContain('line 3, column 3–16: The property "initial-text" cannot be specified at "$root". (INVALID_PROPERTY)');
		expect(created.error?.description).toContain('line 5, column 7–10: The required property "layout" is missing at "$root/screens/0". (REQUIRED_PROPERTY_MISSING)');
		expect(created.error?.description).toContain('What to do: fix these places');

		const draft = emulator.state.list('flow', (object) => object.name === 'Broken flow')[0];
		const publishing = await runNode({ parameters: flow('publish', { flowId: draft.id }), credentials });
		expect(publishing.error?.message).toBe('Meta refused to publish the Flow [code 139002]');

		const kept = await runNode({ parameters: flow('uploadJson', { flowId: draft.id, flowJsonSource: 'parameter', flowJson: badJson, failOnValidationErrors: false }), credentials });
		expect(kept.error).toBeUndefined();
		expect((kept.items[0].json.validation_errors as unknown[]).length).toBe(2);

		const removed = await runNode({ parameters: flow('delete', { flowId: draft.id }), credentials });
		expect(removed.items[0].json).toEqual({ success: true, flowId: draft.id });
	});

	it('lists, updates metadata, and refuses a name that is taken', async () => {
		const { emulator, credentials } = env;
		await runNode({ parameters: flow('create', { wabaId: byId(emulator.ids.secondWabaId), name: 'Survey', categories: ['SURVEY'], flowJsonSource: 'none' }), credentials });
		const second = await runNode({ parameters: flow('create', { wabaId: byId(emulator.ids.secondWabaId), name: 'Lead form', categories: ['LEAD_GENERATION'], flowJsonSource: 'none' }), credentials });
		const listed = await runNode({ parameters: flow('getAll', { wabaId: byId(emulator.ids.secondWabaId), returnAll: true }), credentials });
		expect(listed.items.map((item) => item.json.name)).toEqual(['Survey', 'Lead form']);
		const renamed = await runNode({ parameters: flow('update', { flowId: second.items[0].json.id, updateFields: { name: 'Survey' } }), credentials });
		expect(renamed.error?.message).toBe('Invalid parameter [code 100]');
		expect(renamed.error?.description).toContain('not unique');
		const recategorised = await runNode({ parameters: flow('update', { flowId: second.items[0].json.id, updateFields: { categories: ['CONTACT_US', 'OTHER'] } }), credentials });
		expect(recategorised.error).toBeUndefined();
		expect(emulator.state.get(String(second.items[0].json.id))!.categories).toEqual(['CONTACT_US', 'OTHER']);
	});

	it('checks the Flow JSON (valid JSON with line and column, version, screens, 10 MB), IDs and URLs before sending', async () => {
		const { emulator, credentials } = env;
		const upload = (flowJson: string) => runNode({ parameters: flow('uploadJson', { flowId: '1357920198765432', flowJsonSource: 'parameter', flowJson }), credentials });
		expect((await upload('{\n  "version": "7.2",\n  "screens": [,]\n}')).error?.message).toMatch(/^Flow JSON: is not valid JSON at line 3, column 15/);
		expect((await upload('{"screens": []}')).error?.message).toBe('Flow JSON: needs a "version", e.g. "7.2"');
		expect((await upload('{"version": "7.2"}')).error?.message).toBe('Flow JSON: needs a "screens" list');
		expect((await upload(JSON.stringify({ version: '7.2', screens: [], pad: 'x'.repeat(10 * 1024 * 1024) }))).error?.message).toMatch(/^Flow JSON: at most 10 MB allowed, got 10\.0 MB$/);
		const badId = await runNode({ parameters: flow('publish', { flowId: 'my flow' }), credentials });
		expect(badId.error?.message).toBe('Flow ID: must be a numeric ID, got "my flow"');
		const badUrl = await runNode({ parameters: flow('update', { flowId: '1357920198765432', updateFields: { endpointUri: 'http://example.com' } }), credentials });
		expect(badUrl.error?.message).toBe('Endpoint URL: must start with https:// (Meta only calls HTTPS endpoints), got "http://example.com"');
		const nothing = await runNode({ parameters: flow('update', { flowId: '1357920198765432', updateFields: {} }), credentials });
		expect(nothing.error?.message).toBe('Update Fields: add at least one field to change');
		expect(emulator.requests).toHaveLength(0);
	});
});
