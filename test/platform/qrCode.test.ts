import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';
import { binaryBytes } from '../messaging/helpers';

const env = useEmulator();

const qr = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'qrCode',
	operation,
	wabaId: byId(env.emulator.ids.wabaId),
	phoneNumberId: byId(env.emulator.ids.secondPhoneNumberId),
	...extra,
});

describe('QR codes', () => {
	it('creates a code with its SVG picture as binary data, reads, lists, updates and deletes it', async () => {
		const { emulator, credentials } = env;
		const phone = emulator.ids.secondPhoneNumberId;
		const created = await runNode({ parameters: qr('create', { prefilledMessage: 'Show me Cyber Monday deals!', imageFormat: 'SVG' }), credentials });
		expect(created.error).toBeUndefined();
		expect(emulator.calls('POST', `/${phone}/message_qrdls`)[0].body).toEqual({ prefilled_message: 'Show me Cyber Monday deals!', generate_qr_image: 'SVG' });
		const [item] = created.items;
		const code = String(item.json.code);
		expect(code).toMatch(/^[A-Z0-9]{14}$/);
		expect(item.json).toMatchObject({ prefilled_message: 'Show me Cyber Monday deals!', deep_link_url: `https://wa.me/message/${code}` });
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/svg+xml', fileName: `${code}.svg` });
		expect((await binaryBytes(item.binary!.data)).toString()).toContain(`<title>${code}</title>`);

		const read = await runNode({ parameters: qr('get', { code: code.toLowerCase(), imageFormat: 'PNG', binaryPropertyName: 'qr' }), credentials });
		expect(read.error).toBeUndefined();
		expect(emulator.calls('GET', `/${phone}/message_qrdls/${code}`)[0].query.fields).toBe('code,prefilled_message,deep_link_url,qr_image_url.format(PNG)');
		expect(read.items[0].binary?.qr).toMatchObject({ mimeType: 'image/png', fileName: `${code}.png` });

		const updated = await runNode({ parameters: qr('update', { code, prefilledMessage: 'Show me Cyber Tuesday deals!' }), credentials });
		expect(updated.error).toBeUndefined();
		expect(updated.items[0].json).toMatchObject({ code, prefilled_message: 'Show me Cyber Tuesday deals!' });

		const listed = await runNode({ parameters: qr('getAll', { returnAll: true }), credentials });
		expect(listed.items.map((entry) => entry.json)).toEqual([{ code, prefilled_message: 'Show me Cyber Tuesday deals!', deep_link_url: `https://wa.me/message/${code}` }]);

		const deleted = await runNode({ parameters: qr('delete', { code }), credentials });
		expect(deleted.items[0].json).toEqual({ success: true, code, phoneNumberId: phone });
		const gone = await runNode({ parameters: qr('get', { code }), credentials });
		expect(gone.error?.message).toBe('Not found [code 803]');
		expect(gone.error?.description).toContain('Get Many');
	});

	it('never sends the access token to the picture\'s host', async () => {
		const { emulator, credentials } = env;
		emulator.state.cdnFetches.length = 0;
		const { items, error } = await runNode({ parameters: qr('create', { prefilledMessage: 'Hi', imageFormat: 'PNG' }), credentials });
		expect(error).toBeUndefined();
		expect(emulator.calls()[0].headers.authorization).toMatch(/^Bearer /);
		expect(emulator.state.cdnFetches).toEqual([{ path: `/_emulator/qr/${String(items[0].json.code)}.png`, authorization: undefined }]);
	});

	it('lists over Meta\'s 25-per-page limit by following cursors', async () => {
		const { emulator, credentials } = env;
		const phone = emulator.state.get(emulator.ids.phoneNumberId)!;
		phone.qrCodes = Array.from({ length: 30 }, (_, index) => ({ code: `CODE${String(index).padStart(10, '0')}`, prefilled_message: `m${index}`, deep_link_url: 'x', creation_time: index }));
		const { items, error } = await runNode({ parameters: qr('getAll', { phoneNumberId: byId(emulator.ids.phoneNumberId), returnAll: false, limit: 28 }), credentials });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(28);
		expect(emulator.calls('GET', `/${emulator.ids.phoneNumberId}/message_qrdls`).map((call) => call.query.limit)).toEqual(['25', '25']);
		phone.qrCodes = [];
	});

	it('checks the prefilled message (140 characters) and the code before sending', async () => {
		const { emulator, credentials } = env;
		const long = await runNode({ parameters: qr('create', { prefilledMessage: 'x'.repeat(141) }), credentials });
		expect(long.error?.message).toBe('Prefilled Message: at most 140 characters allowed, got 141');
		const empty = await runNode({ parameters: qr('update', { code: 'ANED2T5QRU7HG1', prefilledMessage: '  ' }), credentials });
		expect(empty.error?.message).toBe('Prefilled Message: a message is required');
		const badCode = await runNode({ parameters: qr('delete', { code: 'https://wa.me/message/ANED2T5QRU7HG1' }), credentials });
		expect(badCode.error?.message).toContain('QR Code: "HTTPS://WA.ME/MESSAGE/ANED2T5QRU7HG1" is not a QR code');
		expect(emulator.requests).toHaveLength(0);
	});
});
