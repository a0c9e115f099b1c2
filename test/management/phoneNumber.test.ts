import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';

const env = useEmulator({ maxPageSize: 1 });

const phone = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'phoneNumber',
	operation,
	wabaId: byId(env.emulator.ids.wabaId),
	phoneNumberId: byId(env.emulator.ids.phoneNumberId),
	...extra,
});

describe('phone number: get, getAll', () => {
	it('gets one number with the chosen fields', async () => {
		const { emulator, credentials } = env;
		const { items, error } = await runNode({ parameters: phone('get', { phoneNumberFields: ['id', 'display_phone_number', 'quality_rating'] }), credentials });
		expect(error).toBeUndefined();
		expect(emulator.calls('GET')[0]).toMatchObject({ path: `/${emulator.ids.phoneNumberId}`, query: { fields: 'id,display_phone_number,quality_rating' } });
		expect(items.map((item) => item.json)).toEqual([{ id: emulator.ids.phoneNumberId, display_phone_number: '+1 555-010-0001', quality_rating: 'GREEN' }]);
	});

	it('lists every number over several pages (page size 1)', async () => {
		const { emulator, credentials } = env;
		const { items } = await runNode({ parameters: phone('getAll', { returnAll: true, phoneNumberFields: ['id', 'verified_name'] }), credentials });
		expect(items.map((item) => item.json.verified_name)).toEqual(['Acme Support', 'Acme Sales', 'Acme Labs']);
		expect(emulator.calls('GET', `/${emulator.ids.wabaId}/phone_numbers`)).toHaveLength(3);
	});

	it('retries a rate-limited list (80008) and then succeeds', async () => {
		const { emulator, credentials } = env;
		emulator.faults.add({ kind: 'graphError', path: `/${emulator.ids.wabaId}/phone_numbers`, graphError: { code: 80008, message: '(#80008) Too many calls', headers: { 'retry-after': '0.05' } } });
		const { items, error } = await runNode({ parameters: phone('getAll', { returnAll: false, limit: 2 }), credentials });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(emulator.calls('GET').map((call) => call.status)).toEqual([400, 200, 200]);
	});
});

describe('phone number: add → request code → verify → register → set PIN → deregister', () => {
	it('runs the whole lifecycle against the emulator', async () => {
		const { emulator, credentials } = env;
		const added = await runNode({ parameters: phone('add', { countryCode: '+1', phoneNumber: '555 010-0099', verifiedName: 'Acme Night Desk' }), credentials });
		expect(added.error).toBeUndefined();
		expect(emulator.calls('POST', `/${emulator.ids.wabaId}/phone_numbers`)[0].body).toEqual({ cc: '1', phone_number: '5550100099', verified_name: 'Acme Night Desk' });
		const newId = String(added.items[0].json.id);
		expect(added.items[0].json).toEqual({ id: newId, wabaId: emulator.ids.wabaId, displayPhoneNumber: '+1 5550100099' });
		const target = { phoneNumberId: byId(newId) };

		const requested = await runNode({ parameters: phone('requestCode', { ...target, codeMethod: 'VOICE', language: 'de_DE' }), credentials });
		expect(emulator.calls('POST', `/${newId}/request_code`)[0].body).toEqual({ code_method: 'VOICE', language: 'de_DE' });
		expect(requested.items[0].json).toEqual({ success: true, phoneNumberId: newId, codeMethod: 'VOICE' });
		const code = String(emulator.state.get(newId)!.verificationCode);

		const registeredTooEarly = await runNode({ parameters: phone('register', { ...target, pin: '246810' }), credentials });
		expect(registeredTooEarly.error?.message).toBe('Invalid parameter [code 100]');

		const wrong = await runNode({ parameters: phone('verifyCode', { ...target, code: code === '000000' ? '111111' : '000000' }), credentials });
		expect(wrong.error?.message).toContain('[code 136025]');

		const verified = await runNode({ parameters: phone('verifyCode', { ...target, code: `${code.slice(0, 3)}-${code.slice(3)}` }), credentials });
		expect(verified.error).toBeUndefined();
		expect(emulator.calls('POST', `/${newId}/verify_code`).at(-1)!.body).toEqual({ code });
		expect(verified.items[0].json).toEqual({ success: true, phoneNumberId: newId });

		const registered = await runNode({ parameters: phone('register', { ...target, pin: '246810', dataLocalizationRegion: 'DE' }), credentials });
		expect(registered.error).toBeUndefined();
		expect(emulator.calls('POST', `/${newId}/register`).at(-1)!.body).toEqual({ messaging_product: 'whatsapp', pin: '246810', data_localization_region: 'DE' });
		expect(registered.items[0].json).toEqual({ success: true, phoneNumberId: newId });
		expect(emulator.state.get(newId)).toMatchObject({ registered: true, status: 'CONNECTED' });

		const pin = await runNode({ parameters: phone('setTwoStepPin', { ...target, pin: '135790' }), credentials });
		expect(emulator.calls('POST', `/${newId}`)[0].body).toEqual({ pin: '135790' });
		expect(pin.items[0].json).toEqual({ success: true, phoneNumberId: newId });

		const mismatch = await runNode({ parameters: phone('register', { ...target, pin: '246810' }), credentials });
		expect(mismatch.error?.message).toContain('[code 133005]');

		const gone = await runNode({ parameters: phone('deregister', target), credentials });
		expect(gone.items[0].json).toEqual({ success: true, phoneNumberId: newId });
		expect(emulator.calls('POST', `/${newId}/deregister`)).toHaveLength(1);
		expect(emulator.state.get(newId)!.registered).toBe(false);
	});

	it.each([
		['register', { pin: '12345' }, 'PIN: must be exactly 6 digits'],
		['register', { pin: '12a456' }, 'PIN: must be exactly 6 digits'],
		['setTwoStepPin', { pin: '1234567' }, 'PIN: must be exactly 6 digits'],
		['verifyCode', { code: '12345' }, 'Code: must be exactly 6 digits'],
		['requestCode', { codeMethod: 'SMS', language: 'english' }, 'Language: must look like en_US or pt_BR, got "english"'],
		['add', { countryCode: '1', phoneNumber: '555', verifiedName: 'Acme' }, 'Phone Number: must be the number without the country code, 4 to 14 digits, got "555"'],
		['add', { countryCode: '1234', phoneNumber: '5550100099', verifiedName: 'Acme' }, 'Country Code: must be 1 to 3 digits, such as 1 or 44, got "1234"'],
		['add', { countryCode: '1', phoneNumber: '5550100099', verifiedName: 'A' }, 'Display Name: must have at least 2 characters'],
	])('%s refuses %j before sending anything', async (operation, extra, message) => {
		const { emulator, credentials } = env;
		const { error } = await runNode({ parameters: phone(operation, extra), credentials });
		expect(error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
	});

	it('passes on Meta\'s refusal of a number that exists already', async () => {
		const { emulator, credentials } = env;
		const { error } = await runNode({ parameters: phone('add', { countryCode: '1', phoneNumber: '5550100001', verifiedName: 'Dup' }), credentials });
		expect(error?.message).toBe('Invalid parameter [code 100]');
		expect(error?.description).toContain('already registered');
		expect(emulator.calls('POST')).toHaveLength(1);
	});
});

describe('phone number: business profile', () => {
	it('reads the profile as one item with the phone number id', async () => {
		const { emulator, credentials } = env;
		const { items, error } = await runNode({ parameters: phone('getBusinessProfile', { profileFields: ['about', 'email', 'websites'] }), credentials });
		expect(error).toBeUndefined();
		expect(emulator.calls('GET')[0]).toMatchObject({ path: `/${emulator.ids.phoneNumberId}/whatsapp_business_profile`, query: { fields: 'about,email,websites' } });
		expect(items.map((item) => item.json)).toEqual([
			{ about: 'We answer within minutes.', email: 'support@acme.example', websites: ['https://acme.example/'], messaging_product: 'whatsapp', phoneNumberId: emulator.ids.phoneNumberId },
		]);
	});

	it('updates only the chosen parts, websites split from a comma list', async () => {
		const { emulator, credentials } = env;
		const { items, error } = await runNode({
			parameters: phone('updateBusinessProfile', { phoneNumberId: byId(emulator.ids.secondPhoneNumberId), profileUpdateFields: { about: 'Open 24/7', vertical: 'RETAIL', websites: 'https://a.example, https://b.example' } }),
			credentials,
		});
		expect(error).toBeUndefined();
		expect(emulator.calls('POST', `/${emulator.ids.secondPhoneNumberId}/whatsapp_business_profile`)[0].body).toEqual({
			messaging_product: 'whatsapp',
			about: 'Open 24/7',
			vertical: 'RETAIL',
			websites: ['https://a.example', 'https://b.example'],
		});
		expect(items.map((item) => item.json)).toEqual([{ success: true, phoneNumberId: emulator.ids.secondPhoneNumberId }]);
		expect((emulator.state.get(emulator.ids.secondPhoneNumberId)!.businessProfile as Record<string, unknown>).about).toBe('Open 24/7');
	});

	it.each([
		[{ about: 'a'.repeat(140) }, 'About: at most 139 characters allowed, got 140'],
		[{ description: 'd'.repeat(257) }, 'Description: at most 256 characters allowed, got 257'],
		[{ email: 'not-an-email' }, 'Email: "not-an-email" is not an email address'],
		[{ websites: 'https://a.example,https://b.example,https://c.example' }, 'Websites: at most 2 websites allowed, got 3'],
		[{ websites: 'a.example' }, 'Website 1: must start with http:// or https://'],
		[{}, 'Update Fields: choose at least one part of the profile to change'],
	])('refuses %j before sending anything', async (fields, message) => {
		const { emulator, credentials } = env;
		const { error } = await runNode({ parameters: phone('updateBusinessProfile', { profileUpdateFields: fields }), credentials });
		expect(error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
	});

	it('with Continue On Fail, a number of another business fails its item only', async () => {
		const { emulator, credentials } = env;
		const otherPhone = emulator.state.list('phoneNumber', (candidate) => candidate.wabaId === emulator.ids.otherWabaId)[0].id;
		const { items, error } = await runNode({
			parameters: phone('getBusinessProfile', { phoneNumberId: { __rl: true, mode: 'id', value: '={{ $json.phone }}' }, profileFields: ['about'] }),
			items: [{ json: { phone: emulator.ids.phoneNumberId } }, { json: { phone: otherPhone } }],
			continueOnFail: true,
			credentials,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0].json).toMatchObject({ about: 'We answer within minutes.', phoneNumberId: emulator.ids.phoneNumberId });
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].error?.message).toBe('Permission denied [code 200]');
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});
});
