import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';

const env = useEmulator({ maxPageSize: 1 });
const DAY = 86_400;
const iso = (unix: number) => new Date(unix * 1000).toISOString();
const today = Math.floor(Date.now() / 1000 / DAY) * DAY;

const account = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'account',
	operation,
	wabaId: byId(env.emulator.ids.wabaId),
	...extra,
});

describe('account: update', () => {
	it('sends only the chosen fields and answers with the WABA id', async () => {
		const { emulator, credentials } = env;
		const { items, error } = await runNode({ parameters: account('update', { updateFields: { name: 'Acme Help Desk', timezoneId: '47' } }), credentials });
		expect(error).toBeUndefined();
		const [call] = emulator.calls('POST', `/${emulator.ids.wabaId}`);
		expect(call.body).toEqual({ name: 'Acme Help Desk', timezone_id: '47' });
		expect(items.map((item) => item.json)).toEqual([{ success: true, wabaId: emulator.ids.wabaId }]);
		expect(emulator.state.get(emulator.ids.wabaId)!.name).toBe('Acme Help Desk');
	});

	it('refuses an update without fields before sending anything', async () => {
		const { emulator, credentials } = env;
		const { error } = await runNode({ parameters: account('update', { updateFields: {} }), credentials });
		expect(error?.message).toBe('Update Fields: choose at least one field to change');
		expect(emulator.requests).toHaveLength(0);
	});

	it('turns insights on; Meta refuses turning them off again (code 100)', async () => {
		const { emulator, credentials } = env;
		const on = await runNode({ parameters: account('update', { wabaId: byId(emulator.ids.secondWabaId), updateFields: { isEnabledForInsights: true } }), credentials });
		expect(on.error).toBeUndefined();
		expect(emulator.calls('POST')[0].body).toEqual({ is_enabled_for_insights: true });
		const off = await runNode({ parameters: account('update', { wabaId: byId(emulator.ids.secondWabaId), updateFields: { isEnabledForInsights: false } }), credentials });
		expect(off.error?.message).toBe('Invalid parameter [code 100]');
		expect(off.error?.description).toContain('cannot be turned off');
	});

	it('names the missing permission for a WABA the token cannot reach (200)', async () => {
		const { emulator, credentials } = env;
		const { error } = await runNode({ parameters: account('update', { wabaId: byId(emulator.ids.otherWabaId), updateFields: { name: 'x' } }), credentials });
		expect(error?.message).toBe('Permission denied [code 200]');
		expect(emulator.state.get(emulator.ids.otherWabaId)!.name).toBe('Somebody Else');
	});
});

describe('account: getAnalytics', () => {
	it('builds the analytics field modifiers from UI dates and filters, one item per data point', async () => {
		const { emulator, credentials } = env;
		const start = today - 3 * DAY;
		const { items, error } = await runNode({
			parameters: account('getAnalytics', {
				analyticsType: 'messaging',
				startDate: iso(start),
				endDate: iso(today),
				granularity: 'DAY',
				analyticsFilters: { phoneNumbers: '15550100001, 15550100002', productTypes: ['0', '2'], countryCodes: 'US,BR' },
			}),
			credentials,
		});
		expect(error).toBeUndefined();
		const [call] = emulator.calls('GET', `/${emulator.ids.wabaId}`);
		expect(call.query.fields).toBe(`analytics.start(${start}).end(${today}).granularity(DAY).phone_numbers(["15550100001","15550100002"]).product_types([0,2]).country_codes(["US","BR"])`);
		expect(items).toHaveLength(3);
		expect(items[0].json).toEqual({ wabaId: emulator.ids.wabaId, granularity: 'DAY', start, end: start + DAY, sent: 10, delivered: 9 });
		expect(items[2].json.start).toBe(today - DAY);
	});

	it('reads dates without a time zone as UTC', async () => {
		const { emulator, credentials } = env;
		const start = today - 2 * DAY;
		await runNode({
			parameters: account('getAnalytics', { analyticsType: 'messaging', startDate: iso(start).replace('.000Z', ''), endDate: iso(today).replace('.000Z', ''), granularity: 'DAY' }),
			credentials,
		});
		expect(emulator.calls('GET')[0].query.fields).toBe(`analytics.start(${start}).end(${today}).granularity(DAY)`);
	});

	it('maps Day/Month to DAILY/MONTHLY for conversation analytics and sends its dimensions', async () => {
		const { emulator, credentials } = env;
		const start = today - 2 * DAY;
		const { items, error } = await runNode({
			parameters: account('getAnalytics', {
				analyticsType: 'conversation',
				startDate: iso(start),
				endDate: iso(today),
				granularity: 'DAY',
				conversationOptions: { metricTypes: ['CONVERSATION', 'COST'], conversationCategories: ['MARKETING', 'UTILITY'], dimensions: ['CONVERSATION_CATEGORY'] },
			}),
			credentials,
		});
		expect(error).toBeUndefined();
		expect(emulator.calls('GET')[0].query.fields).toBe(
			`conversation_analytics.start(${start}).end(${today}).granularity(DAILY).metric_types(["CONVERSATION","COST"]).conversation_categories(["MARKETING","UTILITY"]).dimensions(["CONVERSATION_CATEGORY"])`,
		);
		expect(items.map((item) => item.json.conversation_category)).toEqual(['MARKETING', 'UTILITY', 'MARKETING', 'UTILITY']);
	});

	it('sends pricing analytics with MONTHLY granularity', async () => {
		const { emulator, credentials } = env;
		const start = today - 40 * DAY;
		const { items, error } = await runNode({
			parameters: account('getAnalytics', { analyticsType: 'pricing', startDate: iso(start), endDate: iso(today), granularity: 'MONTH', pricingOptions: { pricingCategories: ['UTILITY'], metricTypes: ['COST', 'VOLUME'] } }),
			credentials,
		});
		expect(error).toBeUndefined();
		expect(emulator.calls('GET')[0].query.fields).toBe(`pricing_analytics.start(${start}).end(${today}).granularity(MONTHLY).metric_types(["COST","VOLUME"]).pricing_categories(["UTILITY"])`);
		expect(items).toHaveLength(2);
		expect(items[0].json).toMatchObject({ volume: 5, pricing_category: 'UTILITY', wabaId: emulator.ids.wabaId });
	});

	it('calls template_analytics with unix times and JSON id lists once insights are on', async () => {
		const { emulator, credentials } = env;
		emulator.state.get(emulator.ids.wabaId)!.is_enabled_for_insights = true;
		const [first, second] = emulator.ids.templateIds;
		const start = today - 2 * DAY;
		const { items, error } = await runNode({
			parameters: account('getAnalytics', { analyticsType: 'template', startDate: iso(start), endDate: iso(today), templateIds: `${first}, ${second}`, templateMetricTypes: ['SENT', 'READ'] }),
			credentials,
		});
		emulator.state.get(emulator.ids.wabaId)!.is_enabled_for_insights = false;
		expect(error).toBeUndefined();
		const [call] = emulator.calls('GET', `/${emulator.ids.wabaId}/template_analytics`);
		expect(call.query).toMatchObject({ start: String(start), end: String(today), granularity: 'DAILY', template_ids: JSON.stringify([first, second]), metric_types: '["SENT","READ"]' });
		expect(items).toHaveLength(4);
		expect(items[0].json).toEqual({ wabaId: emulator.ids.wabaId, granularity: 'DAILY', template_id: first, start, end: start + DAY, sent: 20, read: 12 });
	});

	it('explains template analytics without insights (200005)', async () => {
		const { emulator, credentials } = env;
		const { error } = await runNode({
			parameters: account('getAnalytics', { analyticsType: 'template', startDate: iso(today - DAY), endDate: iso(today), templateIds: emulator.ids.templateIds[0] }),
			credentials,
		});
		expect(error?.message).toBe('Template insights are not available yet [code 200005]');
		expect(error?.description).toContain('Enable Insights');
	});

	it('explains analytics of a WABA without phone numbers (200008)', async () => {
		const { emulator, credentials } = env;
		const empty = emulator.state.add({ ...emulator.state.get(emulator.ids.secondWabaId)!, id: '102290129349999', name: 'Empty' });
		for (const phone of emulator.state.list('phoneNumber', (candidate) => candidate.wabaId === empty.id)) emulator.state.objects.delete(phone.id);
		const { error } = await runNode({
			parameters: account('getAnalytics', { wabaId: byId(empty.id), analyticsType: 'messaging', startDate: iso(today - DAY), endDate: iso(today), granularity: 'DAY' }),
			credentials,
		});
		expect(error?.message).toBe('The account has no phone numbers [code 200008]');
	});

	it('checks dates and template ids before sending', async () => {
		const { emulator, credentials } = env;
		const reversed = await runNode({ parameters: account('getAnalytics', { analyticsType: 'messaging', startDate: iso(today), endDate: iso(today - DAY), granularity: 'DAY' }), credentials });
		expect(reversed.error?.message).toBe('End: must be after Start');
		const tooOld = await runNode({ parameters: account('getAnalytics', { analyticsType: 'template', startDate: iso(today - 100 * DAY), endDate: iso(today), templateIds: '1' }), credentials });
		expect(tooOld.error?.message).toBe('Start: can be at most 90 days in the past');
		const tooMany = await runNode({
			parameters: account('getAnalytics', { analyticsType: 'template', startDate: iso(today - DAY), endDate: iso(today), templateIds: Array.from({ length: 11 }, (_, index) => String(index + 1)).join(',') }),
			credentials,
		});
		expect(tooMany.error?.message).toBe('Template IDs: at most 10 templates per request, got 11');
		const notADate = await runNode({ parameters: account('getAnalytics', { analyticsType: 'messaging', startDate: 'yesterday', endDate: iso(today), granularity: 'DAY' }), credentials });
		expect(notADate.error?.message).toBe('Start: "yesterday" is not a date');
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('account: subscribed apps', () => {
	it('subscribes with an override callback after the handshake, lists it, and unsubscribes', async () => {
		const { emulator, credentials } = env;
		const http = await import('node:http');
		const callback = http.createServer((req, res) => {
			const url = new URL(req.url ?? '/', 'http://x');
			const ok = url.searchParams.get('hub.verify_token') === 'my-token';
			res.writeHead(ok ? 200 : 403).end(ok ? url.searchParams.get('hub.challenge') ?? '' : 'no');
		});
		await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
		const uri = `http://127.0.0.1:${(callback.address() as { port: number }).port}/hook`;
		try {
			const subscribed = await runNode({ parameters: account('subscribeApp', { subscribeOptions: { overrideCallbackUri: uri, verifyToken: 'my-token' } }), credentials });
			expect(subscribed.error).toBeUndefined();
			expect(emulator.calls('POST', `/${emulator.ids.wabaId}/subscribed_apps`)[0].body).toEqual({ override_callback_uri: uri, verify_token: 'my-token' });
			expect(subscribed.items.map((item) => item.json)).toEqual([{ success: true, wabaId: emulator.ids.wabaId, overrideCallbackUri: uri }]);

			const listed = await runNode({ parameters: account('getSubscribedApps'), credentials });
			expect(listed.items.map((item) => item.json)).toEqual([
				{ whatsapp_business_api_data: { id: emulator.ids.appId, link: 'https://acme.example/app', name: 'Acme WhatsApp App' }, override_callback_uri: uri },
			]);

			const wrongToken = await runNode({ parameters: account('subscribeApp', { subscribeOptions: { overrideCallbackUri: uri, verifyToken: 'wrong' } }), credentials });
			expect(wrongToken.error?.message).toContain('[code 2200]');

			const gone = await runNode({ parameters: account('unsubscribeApp'), credentials });
			expect(gone.items.map((item) => item.json)).toEqual([{ success: true, wabaId: emulator.ids.wabaId }]);
			expect(emulator.calls('DELETE', `/${emulator.ids.wabaId}/subscribed_apps`)).toHaveLength(1);
			const after = await runNode({ parameters: account('getSubscribedApps'), credentials });
			expect(after.items).toHaveLength(0);
		} finally {
			callback.close();
		}
	});

	it('subscribes without options with an empty body', async () => {
		const { emulator, credentials } = env;
		const { error } = await runNode({ parameters: account('subscribeApp', { subscribeOptions: {} }), credentials });
		expect(error).toBeUndefined();
		const [call] = emulator.calls('POST');
		expect(call.rawBody.length === 0 || JSON.stringify(call.body) === '{}').toBe(true);
		await runNode({ parameters: account('unsubscribeApp'), credentials });
	});

	it('wants the verify token with an override URL, before sending', async () => {
		const { emulator, credentials } = env;
		const { error } = await runNode({ parameters: account('subscribeApp', { subscribeOptions: { overrideCallbackUri: 'https://example.com/hook' } }), credentials });
		expect(error?.message).toMatch(/^Verify Token: required with an Override Callback URL/);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('account: get with a locator picked from the list', () => {
	it('uses the locator value in the URL in list mode too', async () => {
		const { emulator, credentials } = env;
		const { items } = await runNode({ parameters: account('get', { wabaId: { __rl: true, mode: 'list', value: emulator.ids.secondWabaId }, fields: ['id', 'name'] }), credentials });
		expect(emulator.calls('GET')[0].path).toBe(`/${emulator.ids.secondWabaId}`);
		expect(items[0].json).toEqual({ id: emulator.ids.secondWabaId, name: 'Acme Marketing' });
	});
});
