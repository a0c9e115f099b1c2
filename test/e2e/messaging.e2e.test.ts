/**
 * Messages in a real n8n: recipients by business-scoped user ID, voice messages, a request for
 * contact info, an expression that gives an object where text belongs, and the business username.
 */
import { byId, expectNoErrors, useN8n, type Json } from './support';

const e2e = useN8n();

describe('messaging in n8n: BSUID recipients, voice, request contact info, text parameters', () => {
	it('sends to a BSUID in `recipient`, a voice message, and a request for contact info', async () => {
		const { ids } = e2e.emulator;
		const voiceId = e2e.emulator.state.add({ id: e2e.emulator.state.newId(), type: 'media', wabaId: ids.wabaId, phoneNumberId: ids.phoneNumberId, mime_type: 'audio/ogg', mediaKind: 'audio', sha256: 'x', file_size: 5 }).id;
		const from = { resource: 'message', operation: 'send', wabaId: byId(ids.wabaId), phoneNumberId: byId(ids.phoneNumberId) };
		const before = e2e.emulator.state.acceptedMessages.length;
		const result = await e2e.timed('messaging: BSUID, voice, request contact info', () =>
			e2e.run(
				e2e.manualWorkflow('e2e messaging identity', [
					{ name: 'To BSUID', parameters: { ...from, to: 'US.13491208655302741918', messageType: 'text', textBody: 'Hello by user ID' } },
					{ name: 'Voice', parameters: { ...from, to: '+1 555 010 4242', messageType: 'audio', mediaSource: 'id', mediaId: voiceId, voice: true } },
					{ name: 'Ask Number', parameters: { ...from, to: 'US.ENT.11815799212886844830', messageType: 'interactiveRequestContactInfo', bodyText: 'Please share your number.' } },
				]),
			),
		);
		expectNoErrors(result);
		expect(result.out('To BSUID')[0].contacts).toEqual([{ input: 'US.13491208655302741918', user_id: 'US.13491208655302741918' }]);
		const accepted = e2e.emulator.state.acceptedMessages.slice(before).map((message) => message.body as Json);
		expect(accepted).toHaveLength(3);
		expect(accepted).toEqual(expect.arrayContaining([
			{ messaging_product: 'whatsapp', recipient_type: 'individual', recipient: 'US.13491208655302741918', type: 'text', text: { body: 'Hello by user ID' } },
			{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550104242', type: 'audio', audio: { id: voiceId, voice: true } },
			{
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				recipient: 'US.ENT.11815799212886844830',
				type: 'interactive',
				interactive: { type: 'request_contact_info', body: { text: 'Please share your number.' }, action: { name: 'request_contact_info' } },
			},
		]));
	});

	it('refuses text that an expression turned into an object, naming the field, and sends nothing', async () => {
		const { ids } = e2e.emulator;
		const before = e2e.emulator.state.acceptedMessages.length;
		const result = await e2e.run(
			e2e.manualWorkflow('e2e messaging object text', [
				{
					name: 'Send',
					parameters: { resource: 'message', operation: 'send', wabaId: byId(ids.wabaId), phoneNumberId: byId(ids.phoneNumberId), to: '+1 555 010 4242', messageType: 'text', textBody: '={{ { first: "Ana" } }}' },
				},
			]),
		);
		expect(result.error('Send')).toMatch(/Text: must be text, but its expression gave an object/);
		expect(e2e.emulator.state.acceptedMessages.length).toBe(before);
	});

	it('phone number: set, read and delete the business username', async () => {
		const { ids } = e2e.emulator;
		const target = { resource: 'phoneNumber', wabaId: byId(ids.wabaId), phoneNumberId: byId(ids.phoneNumberId) };
		const result = await e2e.run(
			e2e.manualWorkflow('e2e username', [
				{ name: 'Set', parameters: { ...target, operation: 'setUsername', username: 'acme_e2e' } },
				{ name: 'Get', parameters: { ...target, operation: 'getUsername' } },
				{ name: 'Delete', parameters: { ...target, operation: 'deleteUsername' } },
			]),
		);
		expectNoErrors(result);
		expect(result.out('Set')).toEqual([{ status: 'reserved', phoneNumberId: ids.phoneNumberId }]);
		expect(result.out('Get')).toEqual([{ username: 'acme_e2e', status: 'reserved', phoneNumberId: ids.phoneNumberId }]);
		expect(result.out('Delete')).toEqual([{ success: true, phoneNumberId: ids.phoneNumberId }]);
	});
});
