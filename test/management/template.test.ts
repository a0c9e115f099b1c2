import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';

const env = useEmulator({ maxPageSize: 2 });

const template = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'template',
	operation,
	wabaId: byId(env.emulator.ids.wabaId),
	...extra,
});

const createFromFields = (extra: Record<string, unknown> = {}) =>
	template('create', {
		name: 'delivery_update',
		category: 'UTILITY',
		language: 'en_US',
		componentsSource: 'fields',
		headerFormat: 'TEXT',
		headerText: 'Order {{1}}',
		headerExample: 'A-1001',
		bodyText: 'Hi {{1}}, your order {{2}} arrives {{3}}.',
		variableExamples: { example: [{ variable: '2', value: 'A-1001' }, { variable: '1', value: 'Ana' }, { variable: '{{3}}', value: 'today' }] },
		footerText: 'Acme Corp',
		buttons: {
			button: [
				{ type: 'URL', text: 'Track', url: 'https://acme.example/t/{{1}}', urlExample: 'https://acme.example/t/A-1001' },
				{ type: 'PHONE_NUMBER', text: 'Call us', phoneNumber: '+15550100001' },
				{ type: 'QUICK_REPLY', text: 'Stop' },
			],
		},
		...extra,
	});

describe('template: create', () => {
	it('builds components from UI fields (positional examples in order) and returns id, status, name, language', async () => {
		const { emulator, credentials } = env;
		const { items, error } = await runNode({ parameters: createFromFields(), credentials });
		expect(error).toBeUndefined();
		const [call] = emulator.calls('POST', `/${emulator.ids.wabaId}/message_templates`);
		expect(call.body).toEqual({
			name: 'delivery_update',
			language: 'en_US',
			category: 'UTILITY',
			parameter_format: 'POSITIONAL',
			components: [
				{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['A-1001'] } },
				{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} arrives {{3}}.', example: { body_text: [['Ana', 'A-1001', 'today']] } },
				{ type: 'FOOTER', text: 'Acme Corp' },
				{
					type: 'BUTTONS',
					buttons: [
						{ type: 'URL', text: 'Track', url: 'https://acme.example/t/{{1}}', example: ['https://acme.example/t/A-1001'] },
						{ type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+15550100001' },
						{ type: 'QUICK_REPLY', text: 'Stop' },
					],
				},
			],
		});
		expect(call.status).toBe(200);
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({ id: expect.stringMatching(/^\d+$/), status: 'PENDING', category: 'UTILITY', wabaId: emulator.ids.wabaId, name: 'delivery_update', language: 'en_US' });
		// The created template is listable.
		const listed = await runNode({ parameters: template('getAll', { returnAll: true, templateFilters: { name: 'delivery_update' } }), credentials });
		expect(listed.items.map((item) => item.json.id)).toEqual([items[0].json.id]);
	});

	it('sends named variables with body_text_named_params and parameter_format NAMED', async () => {
		const { emulator, credentials } = env;
		const { error } = await runNode({
			parameters: template('create', {
				name: 'named_offer',
				category: 'MARKETING',
				language: 'en_US',
				componentsSource: 'fields',
				headerFormat: 'IMAGE',
				headerHandle: '4::aW1hZ2U=:ARZ',
				bodyText: 'Hi {{first_name}}, enjoy {{discount}} off, {{first_name}}!',
				variableExamples: { example: [{ variable: 'first_name', value: 'Ana' }, { variable: 'discount', value: '10%' }] },
				buttons: { button: [{ type: 'COPY_CODE', example: 'SAVE10' }, { type: 'FLOW', text: 'Book', flowId: '123456', flowAction: 'navigate', navigateScreen: 'WELCOME' }] },
			}),
			credentials,
		});
		expect(error).toBeUndefined();
		const [call] = emulator.calls('POST');
		expect(call.body.parameter_format).toBe('NAMED');
		expect(call.body.components).toEqual([
			{ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2U=:ARZ'] } },
			{ type: 'BODY', text: 'Hi {{first_name}}, enjoy {{discount}} off, {{first_name}}!', example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }, { param_name: 'discount', example: '10%' }] } },
			{ type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'SAVE10' }, { type: 'FLOW', text: 'Book', flow_id: '123456', flow_action: 'navigate', navigate_screen: 'WELCOME' }] },
		]);
	});

	it('builds an authentication template with OTP button, security note and expiry footer', async () => {
		const { emulator, credentials } = env;
		const { items, error } = await runNode({
			parameters: template('create', {
				name: 'otp_login',
				category: 'AUTHENTICATION',
				language: 'en_US',
				componentsSource: 'fields',
				addSecurityRecommendation: true,
				codeExpirationMinutes: 10,
				buttons: { button: [{ type: 'OTP', otpType: 'COPY_CODE', text: 'Copy code' }] },
			}),
			credentials,
		});
		expect(error).toBeUndefined();
		expect(emulator.calls('POST')[0].body.components).toEqual([
			{ type: 'BODY', add_security_recommendation: true },
			{ type: 'FOOTER', code_expiration_minutes: 10 },
			{ type: 'BUTTONS', buttons: [{ type: 'OTP', text: 'Copy code', otp_type: 'COPY_CODE' }] },
		]);
		expect(items[0].json.status).toBe('APPROVED');
	});

	it('accepts raw JSON components with options', async () => {
		const { emulator, credentials } = env;
		const components = [
			{ type: 'HEADER', format: 'LOCATION' },
			{ type: 'BODY', text: 'Your pickup point is ready.' },
		];
		const { error } = await runNode({
			parameters: template('create', { name: 'pickup_ready', category: 'UTILITY', language: 'es_ES', componentsSource: 'json', componentsJson: JSON.stringify(components), createOptions: { allowCategoryChange: false, messageSendTtlSeconds: 3600 } }),
			credentials,
		});
		expect(error).toBeUndefined();
		expect(emulator.calls('POST')[0].body).toEqual({ name: 'pickup_ready', language: 'es_ES', category: 'UTILITY', components, allow_category_change: false, message_send_ttl_seconds: 3600 });
	});

	it.each([
		['a bad name', { name: 'Order Update' }, /^Name: must match \^\[a-z0-9_\]\{1,512\}\$/],
		['a long header', { headerText: 'x'.repeat(61), headerExample: '' }, 'Header Text: at most 60 characters allowed, got 61'],
		['a long body', { bodyText: 'y'.repeat(1025), variableExamples: {} }, 'Body Text: at most 1024 characters allowed, got 1025'],
		['a long footer', { footerText: 'z'.repeat(61) }, 'Footer Text: at most 60 characters allowed, got 61'],
		['a missing example', { variableExamples: { example: [{ variable: '1', value: 'Ana' }] } }, 'Body Text: has 3 variables and needs exactly 3 example values, got 1'],
		['mixed variables', { bodyText: 'Hi {{1}} and {{name}}' }, /^Body Text: do not mix numbered variables/],
		['a gap in numbers', { bodyText: 'Hi {{1}} and {{3}}' }, 'Body Text: numbered variables must run {{1}}, {{2}}, … without gaps; found {{3}}'],
		['11 buttons', { buttons: { button: Array.from({ length: 11 }, (_, index) => ({ type: 'QUICK_REPLY', text: `B${index}` })) } }, 'Buttons: at most 10 buttons allowed, got 11'],
		['2 phone buttons', { buttons: { button: [{ type: 'PHONE_NUMBER', text: 'A', phoneNumber: '+1555' }, { type: 'PHONE_NUMBER', text: 'B', phoneNumber: '+1556' }] } }, 'Buttons: at most 1 phone number button allowed, got 2'],
		['2 copy code buttons', { buttons: { button: [{ type: 'COPY_CODE', example: 'A' }, { type: 'COPY_CODE', example: 'B' }] } }, 'Buttons: at most 1 copy code button allowed, got 2'],
		['a header variable without example', { headerExample: '' }, 'Header Text: needs an example value for the variable {{1}}'],
		['a media header without handle', { headerFormat: 'VIDEO', headerHandle: '' }, /^Header Media Handle: a video header needs an example file handle/],
		['a footer variable', { footerText: 'Bye {{1}}' }, 'Footer Text: may not contain variables'],
		['a long button label', { buttons: { button: [{ type: 'QUICK_REPLY', text: 'x'.repeat(26) }] } }, 'Button 1 Text: at most 25 characters allowed, got 26'],
	])('refuses %s before sending anything', async (_label, change, message) => {
		const { emulator, credentials } = env;
		const { error } = await runNode({ parameters: createFromFields(change), credentials });
		if (typeof message === 'string') expect(error?.message).toBe(message);
		else expect(error?.message).toMatch(message);
		expect(emulator.requests).toHaveLength(0);
	});

	it('with Continue On Fail, a locally refused item carries its error and the next one is created', async () => {
		const { emulator, credentials } = env;
		const { items, error } = await runNode({
			parameters: template('create', { name: '={{ $json.name }}', category: 'UTILITY', language: 'en_US', componentsSource: 'json', componentsJson: '[{"type":"BODY","text":"Hello"}]' }),
			items: [{ json: { name: 'Not Valid' } }, { json: { name: 'valid_one' } }],
			continueOnFail: true,
			credentials,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0].error?.message).toMatch(/^Name: must match/);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json).toMatchObject({ name: 'valid_one', status: 'PENDING' });
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(emulator.calls('POST').map((call) => call.body.name)).toEqual(['valid_one']);
	});

	it('refuses invalid JSON components before sending anything', async () => {
		const { emulator, credentials } = env;
		const { error } = await runNode({ parameters: template('create', { name: 'x_json', category: 'UTILITY', language: 'en_US', componentsSource: 'json', componentsJson: '[{"type": "BODY", ' }), credentials });
		expect(error?.message).toMatch(/^Components \(JSON\): is not valid JSON/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('passes on Meta\'s refusal of a duplicate name and language (code 100, subcode 2388024)', async () => {
		const { emulator, credentials } = env;
		const { error } = await runNode({
			parameters: template('create', { name: 'order_shipped', category: 'UTILITY', language: 'en_US', componentsSource: 'json', componentsJson: '[{"type":"BODY","text":"Hello"}]' }),
			credentials,
		});
		expect(error?.message).toBe('Invalid parameter [code 100]');
		expect(error?.description).toContain('Content in this language already exists');
		expect(error?.description).toContain('subcode 2388024');
		expect(emulator.calls('POST')).toHaveLength(1);
	});

	it('retries a rate-limited create (80008) and creates the template once', async () => {
		const { emulator, credentials } = env;
		emulator.faults.add({ kind: 'graphError', method: 'POST', path: `/${emulator.ids.wabaId}/message_templates`, graphError: { code: 80008, message: '(#80008) There have been too many calls to this WhatsApp Business account', headers: { 'retry-after': '0.05' } } });
		const { items, error } = await runNode({
			parameters: template('create', { name: 'retry_me', category: 'UTILITY', language: 'en_US', componentsSource: 'json', componentsJson: '[{"type":"BODY","text":"Hello"}]' }),
			credentials,
		});
		expect(error).toBeUndefined();
		expect(emulator.calls('POST').map((call) => call.status)).toEqual([400, 200]);
		expect(emulator.state.list('template', (candidate) => candidate.name === 'retry_me')).toHaveLength(1);
		expect(items[0].json.name).toBe('retry_me');
	});
});

describe('template: get, getAll', () => {
	it('gets one template by id with the chosen fields', async () => {
		const { emulator, credentials } = env;
		const id = emulator.ids.templateIds[0];
		const { items, error } = await runNode({ parameters: template('get', { templateId: byId(id), templateFields: ['id', 'name', 'status', 'quality_score'] }), credentials });
		expect(error).toBeUndefined();
		expect(emulator.calls('GET')[0]).toMatchObject({ path: `/${id}`, query: { fields: 'id,name,status,quality_score' } });
		expect(items.map((item) => item.json)).toEqual([{ id, name: 'order_shipped', status: 'APPROVED', quality_score: { score: 'GREEN', date: 1700000000 } }]);
	});

	it('gets one template picked from the list (list mode of the locator)', async () => {
		const { emulator, credentials } = env;
		const id = emulator.ids.templateIds[2];
		const { items } = await runNode({ parameters: template('get', { templateId: { __rl: true, mode: 'list', value: id }, templateFields: ['name'] }), credentials });
		expect(items[0].json).toEqual({ id, name: 'welcome_offer' });
	});

	it('follows cursors for Return All over several pages, one item per template', async () => {
		const { emulator, credentials } = env;
		const { items, error } = await runNode({ parameters: template('getAll', { returnAll: true, templateFields: ['name', 'language'] }), credentials });
		expect(error).toBeUndefined();
		const expected = emulator.state.list('template', (candidate) => candidate.wabaId === emulator.ids.wabaId).map((candidate) => candidate.name);
		expect(items.map((item) => item.json.name)).toEqual(expected);
		const calls = emulator.calls('GET', `/${emulator.ids.wabaId}/message_templates`);
		expect(calls.length).toBe(Math.ceil(expected.length / 2));
		expect(calls[0].query).toMatchObject({ fields: 'name,language', limit: '100' });
		expect(calls[1].query.after).toBeDefined();
		expect(items.every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
	});

	it('sends the filters and stops at Limit', async () => {
		const { emulator, credentials } = env;
		const { items } = await runNode({
			parameters: template('getAll', { returnAll: false, limit: 1, templateFilters: { status: 'APPROVED', category: 'UTILITY', language: 'en_US', content: 'order', qualityScore: 'GREEN', name: 'order' } }),
			credentials,
		});
		const [call] = emulator.calls('GET');
		expect(call.query).toMatchObject({ status: 'APPROVED', category: 'UTILITY', language: 'en_US', content: 'order', quality_score: 'GREEN', name: 'order', limit: '1' });
		expect(items.map((item) => item.json.name)).toEqual(['order_shipped']);
		expect(emulator.calls('GET')).toHaveLength(1);
	});
});

describe('template: update', () => {
	it('replaces components from fields and sets the TTL; answers with the template id', async () => {
		const { emulator, credentials } = env;
		const id = emulator.ids.templateIds[5];
		const { items, error } = await runNode({
			parameters: template('update', {
				templateId: byId(id),
				componentsSource: 'fields',
				headerFormat: 'NONE',
				bodyText: 'Reminder: your appointment is on {{1}} at {{2}}.',
				variableExamples: { example: [{ variable: '1', value: 'Monday' }, { variable: '2', value: '10:00' }] },
				templateUpdateFields: { messageSendTtlSeconds: 600 },
			}),
			credentials,
		});
		expect(error).toBeUndefined();
		const [call] = emulator.calls('POST', `/${id}`);
		expect(call.body).toEqual({
			message_send_ttl_seconds: 600,
			components: [{ type: 'BODY', text: 'Reminder: your appointment is on {{1}} at {{2}}.', example: { body_text: [['Monday', '10:00']] } }],
		});
		expect(items.map((item) => item.json)).toEqual([{ success: true, templateId: id }]);
		expect((emulator.state.get(id)!.components as Array<{ text: string }>)[0].text).toContain('at {{2}}');
	});

	it('changes only the category when content is kept', async () => {
		const { emulator, credentials } = env;
		const id = emulator.ids.templateIds[4];
		const { error } = await runNode({ parameters: template('update', { templateId: byId(id), componentsSource: 'keep', templateUpdateFields: { category: 'UTILITY' } }), credentials });
		expect(error).toBeUndefined();
		expect(emulator.calls('POST')[0].body).toEqual({ category: 'UTILITY' });
	});

	it('refuses an update that changes nothing, before sending', async () => {
		const { emulator, credentials } = env;
		const { error } = await runNode({ parameters: template('update', { templateId: byId(emulator.ids.templateIds[4]), componentsSource: 'keep', templateUpdateFields: {} }), credentials });
		expect(error?.message).toMatch(/^Update Fields: /);
		expect(emulator.requests).toHaveLength(0);
	});

	it('passes on Meta\'s refusal of a second edit within 24 hours of an approved template', async () => {
		const { emulator, credentials } = env;
		const id = emulator.ids.templateIds[1];
		const edit = () => runNode({ parameters: template('update', { templateId: byId(id), componentsSource: 'json', componentsJson: '[{"type":"BODY","text":"Hola, tu pedido ha sido enviado."}]' }), credentials });
		expect((await edit()).error).toBeUndefined();
		const second = await edit();
		expect(second.error?.message).toBe('Invalid parameter [code 100]');
		expect(second.error?.description).toContain('once every 24 hours');
	});
});

describe('template: delete', () => {
	it('deletes all languages by name; the name is then gone from the list', async () => {
		const { emulator, credentials } = env;
		const { items, error } = await runNode({ parameters: template('delete', { deleteBy: 'name', templateName: 'order_shipped' }), credentials });
		expect(error).toBeUndefined();
		const [call] = emulator.calls('DELETE', `/${emulator.ids.wabaId}/message_templates`);
		expect(call.query).toMatchObject({ name: 'order_shipped' });
		expect(call.query.hsm_id).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([{ success: true, wabaId: emulator.ids.wabaId, name: 'order_shipped', allLanguages: true }]);
		const listed = await runNode({ parameters: template('getAll', { returnAll: true, templateFilters: { name: 'order_shipped' } }), credentials });
		expect(listed.items).toHaveLength(0);
	});

	it('deletes one language version by id, looking its name up first', async () => {
		const { emulator, credentials } = env;
		const id = emulator.ids.templateIds[2];
		const { items, error } = await runNode({ parameters: template('delete', { deleteBy: 'id', templateId: byId(id) }), credentials });
		expect(error).toBeUndefined();
		expect(emulator.calls('GET', `/${id}`)).toHaveLength(1);
		const [call] = emulator.calls('DELETE');
		expect(call.query).toMatchObject({ name: 'welcome_offer', hsm_id: id });
		expect(items[0].json).toEqual({ success: true, wabaId: emulator.ids.wabaId, templateId: id, allLanguages: false });
		expect(emulator.state.get(id)).toBeUndefined();
	});

	it('with Continue On Fail, a missing template fails its item only, each output paired with its input', async () => {
		const { emulator, credentials } = env;
		const { items, error } = await runNode({
			parameters: template('delete', { deleteBy: 'name', templateName: '={{ $json.name }}' }),
			items: [{ json: { name: 'no_such_template' } }, { json: { name: 'spring_sale' } }],
			continueOnFail: true,
			credentials,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0].error?.message).toBe('Invalid parameter [code 100]');
		expect(items[0].error?.description).toContain('Message template "no_such_template" not found');
		expect(emulator.state.list('template', (candidate) => candidate.name === 'spring_sale')).toHaveLength(0);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json).toMatchObject({ success: true, name: 'spring_sale' });
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});

	it('is refused for another business\'s WABA (200)', async () => {
		const { emulator, credentials } = env;
		const { error } = await runNode({ parameters: template('delete', { wabaId: byId(emulator.ids.otherWabaId), deleteBy: 'name', templateName: 'anything' }), credentials });
		expect(error?.message).toBe('Permission denied [code 200]');
	});
});
