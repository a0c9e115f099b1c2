import { useEmulator } from '../helpers';
import { runNode } from '../harness/runNode';
import { acceptedBodies, sendWith } from './helpers';

const env = useEmulator();

beforeEach(() => {
	env.emulator.state.acceptedMessages.length = 0;
});

const template = (value: string) => ({ __rl: true, mode: 'list', value });

describe('message sendTemplate', () => {
	it('positional parameters: body text and a URL button suffix', async () => {
		const { items, error } = await sendWith(env, {
			operation: 'sendTemplate',
			template: template('order_shipped|en_US'),
			templateParameterInput: 'fields',
			bodyParameters: { parameter: [{ type: 'text', text: 'Ana' }, { type: 'text', text: 'A-1001' }] },
			buttonParameters: { button: [{ index: 0, subType: 'url', value: 'A-1001' }] },
			messageOptions: { bizOpaqueCallbackData: 'order-A-1001' },
		});
		expect(error).toBeUndefined();
		expect(items[0].json.messages).toEqual([{ id: expect.stringMatching(/^wamid\./), message_status: 'accepted' }]);
		expect(acceptedBodies(env.emulator)[0]).toMatchObject({
			type: 'template',
			biz_opaque_callback_data: 'order-A-1001',
			template: {
				name: 'order_shipped',
				language: { code: 'en_US' },
				components: [
					{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: 'A-1001' }] },
					{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A-1001' }] },
				],
			},
		});
	});

	it('named parameters with an image header by link, currency and date_time', async () => {
		const { error } = await sendWith(env, {
			operation: 'sendTemplate',
			template: { __rl: true, mode: 'nameLanguage', value: 'welcome_offer|en_US' },
			templateParameterInput: 'fields',
			headerParameter: { parameter: { type: 'image', mediaSource: 'link', mediaLink: 'https://cdn.example/offer.jpg' } },
			bodyParameters: {
				parameter: [
					{ type: 'text', parameterName: 'first_name', text: 'Ana' },
					{ type: 'currency', parameterName: 'discount', currencyCode: 'usd', amount: 12.5, fallbackValue: '$12.50' },
				],
			},
			buttonParameters: { button: [{ index: 0, subType: 'quick_reply', value: 'STOP' }] },
		});
		expect(error).toBeUndefined();
		expect((acceptedBodies(env.emulator)[0].template as { components: unknown }).components).toEqual([
			{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example/offer.jpg' } }] },
			{
				type: 'body',
				parameters: [
					{ type: 'text', parameter_name: 'first_name', text: 'Ana' },
					{ type: 'currency', parameter_name: 'discount', currency: { fallback_value: '$12.50', code: 'USD', amount_1000: 12500 } },
				],
			},
			{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'STOP' }] },
		]);
	});

	it('raw JSON components, including a date_time parameter', async () => {
		const components = [{ type: 'body', parameters: [{ type: 'date_time', date_time: { fallback_value: 'May 1' } }, { type: 'text', text: 'B-7' }] }];
		const { error } = await sendWith(env, { operation: 'sendTemplate', template: template('order_shipped|es_ES'), templateParameterInput: 'json', templateComponentsJson: JSON.stringify(components) });
		expect(error).toBeUndefined();
		expect((acceptedBodies(env.emulator)[0].template as { components: unknown }).components).toEqual(components);
	});

	it('mixing named and positional parameters is refused locally', async () => {
		const { error } = await sendWith(env, {
			operation: 'sendTemplate',
			template: template('welcome_offer|en_US'),
			bodyParameters: { parameter: [{ type: 'text', parameterName: 'first_name', text: 'Ana' }, { type: 'text', text: '10%' }] },
		});
		expect(error?.message).toMatch(/cannot mix/);
		expect(env.emulator.requests).toHaveLength(0);
	});

	it('a new line in a body parameter is refused locally (Meta: 132007)', async () => {
		const { error } = await sendWith(env, { operation: 'sendTemplate', template: template('order_shipped|es_ES'), bodyParameters: { parameter: [{ type: 'text', text: 'a\nb' }, { type: 'text', text: 'x' }] } });
		expect(error?.message).toMatch(/Body Parameter 1 Text: may not contain new lines/);
		expect(env.emulator.requests).toHaveLength(0);
	});

	it('Meta\'s template errors reach the user: wrong parameter count (132000), unknown template (132001), paused (132015)', async () => {
		const count = await sendWith(env, { operation: 'sendTemplate', template: template('order_shipped|es_ES'), bodyParameters: { parameter: [{ type: 'text', text: 'Ana' }] } });
		expect(count.error?.message).toMatch(/\[code 132000\]/);
		const missing = await sendWith(env, { operation: 'sendTemplate', template: template('order_shipped|fr_FR') });
		expect(missing.error?.message).toMatch(/\[code 132001\]/);
		const paused = await sendWith(env, { operation: 'sendTemplate', template: template('old_promo|en_US') });
		expect(paused.error?.message).toMatch(/\[code 132015\]/);
		expect(env.emulator.state.acceptedMessages).toHaveLength(0);
	});
});

describe('template create: the Request Contact Info button', () => {
	const create = (category: string) => ({
		resource: 'template',
		operation: 'create',
		wabaId: { __rl: true, mode: 'id', value: env.emulator.ids.wabaId },
		name: `share_number_${category.toLowerCase()}`,
		category,
		language: 'en_US',
		componentsSource: 'fields',
		headerFormat: 'NONE',
		bodyText: 'We need your phone number to deliver your order.',
		buttons: { button: [{ type: 'REQUEST_CONTACT_INFO', text: 'ignored' }] },
	});

	it('goes to Meta as {"type":"REQUEST_CONTACT_INFO"} (WhatsApp writes the label) in a utility template', async () => {
		const { error } = await runNode({ parameters: create('UTILITY'), credentials: env.credentials });
		expect(error).toBeUndefined();
		const body = env.emulator.calls('POST', `/${env.emulator.ids.wabaId}/message_templates`)[0].body as { components: unknown[] };
		expect(body.components).toContainEqual({ type: 'BUTTONS', buttons: [{ type: 'REQUEST_CONTACT_INFO' }] });
	});

	it('is refused in an authentication template before any request', async () => {
		const { error } = await runNode({ parameters: { ...create('AUTHENTICATION'), buttons: { button: [{ type: 'OTP', otpType: 'COPY_CODE' }, { type: 'REQUEST_CONTACT_INFO' }] } }, credentials: env.credentials });
		expect(error?.message).toMatch(/^Button 2: a Request Contact Info button belongs in utility and marketing templates/);
		expect(env.emulator.calls('POST')).toHaveLength(0);
	});
});

describe('template create: text fields refuse objects and lists (issue 11)', () => {
	it('a body text whose expression gives an object is refused naming the field, nothing sent', async () => {
		const { error } = await runNode({
			parameters: {
				resource: 'template',
				operation: 'create',
				wabaId: { __rl: true, mode: 'id', value: env.emulator.ids.wabaId },
				name: 'object_body',
				category: 'UTILITY',
				language: 'en_US',
				componentsSource: 'fields',
				headerFormat: 'NONE',
				bodyText: { text: 'Hello' },
			},
			credentials: env.credentials,
		});
		expect(error?.message).toMatch(/^Body Text: must be text, but its expression gave an object/);
		expect(env.emulator.calls('POST')).toHaveLength(0);
	});
});
