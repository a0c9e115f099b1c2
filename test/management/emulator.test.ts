import { DEFAULT_GRAPH_VERSION } from '../../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import { itWithSpec, useEmulator } from '../helpers';

/** The emulator refuses what the Graph API refuses, so the node's tests mean something. */
const env = useEmulator();

async function graph(method: string, path: string, body?: unknown, token?: string) {
	const response = await fetch(`${env.emulator.url}/${DEFAULT_GRAPH_VERSION}${path}`, {
		method,
		headers: { authorization: `Bearer ${token ?? env.emulator.ids.accessToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	return { status: response.status, body: (await response.json()) as { error?: { code: number; error_subcode?: number; error_data?: { details?: string } }; [key: string]: unknown } };
}

const templates = () => `/${env.emulator.ids.wabaId}/message_templates`;
const body = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'BODY', text, ...extra });
const create = (overrides: Record<string, unknown>) => graph('POST', templates(), { name: 'emu_check', category: 'UTILITY', language: 'en_US', components: [body('Hi')], ...overrides });

describe('emulator: templates', () => {
	it.each([
		['a name with capitals', { name: 'Bad Name' }, /lowercase/],
		['an unknown category', { category: 'PROMO' }, /Invalid category/],
		['no body', { components: [{ type: 'FOOTER', text: 'x' }] }, /exactly one BODY/],
		['a 1025-character body', { components: [body('x'.repeat(1025))] }, /1024/],
		['a 61-character header', { components: [{ type: 'HEADER', format: 'TEXT', text: 'h'.repeat(61) }, body('Hi')] }, /60/],
		['a 61-character footer', { components: [body('Hi'), { type: 'FOOTER', text: 'f'.repeat(61) }] }, /60/],
		['variables without examples', { components: [body('Hi {{1}}')] }, /example/],
		['mixed variables', { components: [body('Hi {{1}} {{name}}', { example: { body_text: [['a', 'b']] } })] }, /mixed/],
		['11 buttons', { components: [body('Hi'), { type: 'BUTTONS', buttons: Array.from({ length: 11 }, (_, index) => ({ type: 'QUICK_REPLY', text: `b${index}` })) }] }, /at most 10/],
		['2 phone buttons', { components: [body('Hi'), { type: 'BUTTONS', buttons: [{ type: 'PHONE_NUMBER', text: 'a', phone_number: '+1' }, { type: 'PHONE_NUMBER', text: 'b', phone_number: '+2' }] }] }, /PHONE_NUMBER/],
		['a media header without handle', { components: [{ type: 'HEADER', format: 'IMAGE' }, body('Hi')] }, /header_handle/],
	])('refuses %s with code 100', async (_label, overrides, details) => {
		const { status, body: answer } = await create(overrides);
		expect(status).toBe(400);
		expect(answer.error?.code).toBe(100);
		expect(answer.error?.error_data?.details).toMatch(details);
	});

	it('accepts a marketing template with named variables, media header and flow button (the spec schema of the create operation is permissive)', async () => {
		const { status, body: answer } = await create({
			name: 'emu_named',
			category: 'MARKETING',
			parameter_format: 'NAMED',
			components: [
				{ type: 'HEADER', format: 'VIDEO', example: { header_handle: ['4::dmlk:ARZ'] } },
				body('Hi {{first_name}}', { example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] } }),
				{ type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Open', flow_id: '1', flow_action: 'navigate', navigate_screen: 'A' }, { type: 'URL', text: 'Go', url: 'https://x.example/{{1}}', example: ['https://x.example/1'] }] },
			],
		});
		expect(status).toBe(200);
		expect(answer).toMatchObject({ status: 'PENDING', category: 'MARKETING' });
	});

	it('refuses a name deleted within 30 days, and deleting a name that does not exist', async () => {
		await create({ name: 'short_lived' });
		expect((await graph('DELETE', `${templates()}?name=short_lived`)).body).toEqual({ success: true });
		const reused = await create({ name: 'short_lived' });
		expect(reused.body.error?.error_subcode).toBe(2388023);
		const missing = await graph('DELETE', `${templates()}?name=never_was`);
		expect(missing.body.error?.code).toBe(100);
	});

	it('refuses changing the name of a template', async () => {
		const { body: answer } = await graph('POST', `/${env.emulator.ids.templateIds[5]}`, { name: 'renamed' });
		expect(answer.error?.code).toBe(100);
	});
});

describe('emulator: phone numbers', () => {
	const phone = () => env.emulator.ids.unregisteredPhoneNumberId;

	itWithSpec('checks register bodies against Meta\'s spec (6-digit PIN, messaging_product)', async () => {
		const short = await graph('POST', `/${phone()}/register`, { messaging_product: 'whatsapp', pin: '12345' });
		expect(short.body.error?.code).toBe(100);
		expect(short.body.error?.error_data?.details).toMatch(/registerWhatsAppBusinessPhoneNumber.*pattern|must match/);
		const noProduct = await graph('POST', `/${phone()}/register`, { pin: '123456' });
		expect(noProduct.body.error?.code).toBe(100);
	});

	it('will not register a number before its code is verified, and verifies only the code it sent', async () => {
		expect((await graph('POST', `/${phone()}/register`, { messaging_product: 'whatsapp', pin: '123456' })).body.error?.error_data?.details).toMatch(/Verify the phone number/);
		expect((await graph('POST', `/${phone()}/verify_code`, { code: '123456' })).body.error?.code).toBe(100);
		expect((await graph('POST', `/${phone()}/request_code`, { code_method: 'SMS', language: 'en_US' })).body).toEqual({ success: true });
		const code = String(env.emulator.state.get(phone())!.verificationCode);
		const wrong = code === '999999' ? '999998' : '999999';
		expect((await graph('POST', `/${phone()}/verify_code`, { code: wrong })).body.error?.code).toBe(136025);
		expect((await graph('POST', `/${phone()}/verify_code`, { code })).body).toEqual({ success: true });
		expect((await graph('POST', `/${phone()}/register`, { messaging_product: 'whatsapp', pin: '123456' })).body).toEqual({ success: true });
	});

	it('refuses a request_code with an unknown method', async () => {
		const { body: answer } = await graph('POST', `/${env.emulator.ids.secondPhoneNumberId}/request_code`, { code_method: 'EMAIL', language: 'en_US' });
		expect(answer.error?.code).toBe(100);
	});

	it('refuses a business profile with a too-long about and an unknown vertical', async () => {
		expect((await graph('POST', `/${env.emulator.ids.phoneNumberId}/whatsapp_business_profile`, { messaging_product: 'whatsapp', about: 'a'.repeat(140) })).body.error?.code).toBe(100);
		expect((await graph('POST', `/${env.emulator.ids.phoneNumberId}/whatsapp_business_profile`, { messaging_product: 'whatsapp', vertical: 'SPACE' })).body.error?.code).toBe(100);
	});
});

describe('emulator: analytics, users, credit', () => {
	it('refuses analytics with a bad granularity and template analytics for more than 10 ids', async () => {
		const now = Math.floor(Date.now() / 1000);
		const bad = await graph('GET', `/${env.emulator.ids.wabaId}?fields=analytics.start(${now - 86400}).end(${now}).granularity(DAILY)`);
		expect(bad.body.error?.error_data?.details).toMatch(/HALF_HOUR, DAY, MONTH/);
		env.emulator.state.get(env.emulator.ids.wabaId)!.is_enabled_for_insights = true;
		const ids = JSON.stringify(Array.from({ length: 11 }, () => env.emulator.ids.templateIds[0]));
		const many = await graph('GET', `/${env.emulator.ids.wabaId}/template_analytics?start=${now - 86400}&end=${now}&granularity=DAILY&template_ids=${encodeURIComponent(ids)}`);
		env.emulator.state.get(env.emulator.ids.wabaId)!.is_enabled_for_insights = false;
		expect(many.body.error?.error_data?.details).toMatch(/at most 10/);
	});

	it('requires the business of assigned_users and refuses unknown tasks', async () => {
		expect((await graph('GET', `/${env.emulator.ids.wabaId}/assigned_users`)).body.error?.error_data?.details).toMatch(/business is required/);
		expect((await graph('POST', `/${env.emulator.ids.wabaId}/assigned_users`, { user: env.emulator.ids.userId, tasks: ['FLY'] })).body.error?.code).toBe(100);
	});

	it('refuses sharing a credit line in an unsupported currency, and with a limited token a WABA it cannot reach (200)', async () => {
		const path = `/${env.emulator.ids.extendedCreditId}/whatsapp_credit_sharing_and_attach`;
		expect((await graph('POST', `${path}?waba_id=${env.emulator.ids.clientWabaId}&waba_currency=JPY`)).body.error?.code).toBe(100);
		const limited = await graph('POST', `${path}?waba_id=${env.emulator.ids.clientWabaId}&waba_currency=USD`, undefined, env.emulator.ids.limitedToken);
		expect(limited.body.error?.code).toBe(200);
	});
});
