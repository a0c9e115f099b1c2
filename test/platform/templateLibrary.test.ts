import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';

const env = useEmulator();

const template = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'template', operation, wabaId: byId(env.emulator.ids.wabaId), ...extra });

describe('template library and comparison', () => {
	it('browses the library, creates a template from it with its button input (approved, status webhook)', async () => {
		const { emulator, credentials } = env;
		const library = await runNode({ parameters: template('getLibrary', { libraryFilters: { search: 'shipped', language: 'en_US' }, returnAll: true }), credentials });
		expect(library.error).toBeUndefined();
		expect(emulator.calls('GET', '/message_template_library')[0].query).toMatchObject({ search: 'shipped', language: 'en_US' });
		expect(library.items.map((item) => item.json.name)).toEqual(['delivery_update_1']);

		const created = await runNode({
			parameters: template('createFromLibrary', {
				name: 'order_on_its_way',
				libraryTemplateName: 'delivery_update_1',
				category: 'UTILITY',
				language: 'en_US',
				libraryButtonInputs: { button: [{ type: 'URL', baseUrl: 'https://acme.example/track/{{1}}', urlSuffixExample: 'A-1001' }] },
			}),
			credentials,
		});
		expect(created.error).toBeUndefined();
		expect(emulator.calls('POST', `/${emulator.ids.wabaId}/message_templates`)[0].body).toEqual({
			name: 'order_on_its_way',
			library_template_name: 'delivery_update_1',
			category: 'UTILITY',
			language: 'en_US',
			library_template_button_inputs: [{ type: 'URL', url: { base_url: 'https://acme.example/track/{{1}}', url_suffix_example: 'A-1001' } }],
		});
		expect(created.items[0].json).toMatchObject({ status: 'APPROVED', category: 'UTILITY', wabaId: emulator.ids.wabaId, name: 'order_on_its_way', libraryTemplateName: 'delivery_update_1' });
		expect(emulator.state.emittedWebhooks.at(-1)).toMatchObject({ field: 'message_template_status_update', value: { event: 'APPROVED', message_template_name: 'order_on_its_way' } });
		const stored = emulator.state.get(String(created.items[0].json.id))!;
		expect((stored.components as Array<{ type: string; buttons?: unknown[] }>).find((component) => component.type === 'BUTTONS')!.buttons).toEqual([{ type: 'URL', text: 'Track order', url: 'https://acme.example/track/{{1}}' }]);

		const missingInput = await runNode({ parameters: template('createFromLibrary', { name: 'pay_reminder', libraryTemplateName: 'payment_reminder_1', category: 'UTILITY', language: 'en_US' }), credentials });
		expect(missingInput.error?.description).toContain('the PHONE_NUMBER button "Call us" needs an input');
	});

	it('compares two templates over one of Meta\'s periods', async () => {
		const { emulator, credentials } = env;
		const [first, second] = emulator.ids.templateIds;
		const { items, error } = await runNode({ parameters: template('compare', { templateId: byId(first), otherTemplateId: second, period: 7 }), credentials });
		expect(error).toBeUndefined();
		const [call] = emulator.calls('GET', `/${first}/compare`);
		expect(call.query.template_ids).toBe(JSON.stringify([second]));
		expect(Number(call.query.end) - Number(call.query.start)).toBe(7 * 86_400);
		expect(items.map((item) => item.json.metric)).toEqual(['BLOCK_RATE', 'MESSAGE_SENDS', 'TOP_BLOCK_REASON']);
	});

	it('checks names, inputs and the other template before sending', async () => {
		const { emulator, credentials } = env;
		const message = async (parameters: Record<string, unknown>) => (await runNode({ parameters, credentials })).error?.message;
		const base = { name: 'ok_name', libraryTemplateName: 'delivery_update_1', category: 'UTILITY', language: 'en_US' };
		expect(await message(template('createFromLibrary', { ...base, name: 'Order Update' }))).toMatch(/^Name: /);
		expect(await message(template('createFromLibrary', { ...base, libraryButtonInputs: { button: [{ type: 'URL', baseUrl: 'acme.example' }] } }))).toMatch(/^Button Input 1: Website URL: /);
		expect(await message(template('createFromLibrary', { ...base, libraryButtonInputs: { button: [{ type: 'PHONE_NUMBER', phoneNumber: 'call me' }] } }))).toMatch(/^Button Input 1: Phone Number: "call me" is not a phone number/);
		expect(await message(template('createFromLibrary', { ...base, libraryBodyInputs: { codeExpirationMinutes: 91 } }))).toBe('Code Expiration (Minutes): must be a whole number from 1 to 90');
		const [first] = emulator.ids.templateIds;
		expect(await message(template('compare', { templateId: byId(first), otherTemplateId: first, period: 30 }))).toBe('Other Template ID: must be another template than the first one');
		expect(emulator.requests).toHaveLength(0);
	});
});
