import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';

const env = useEmulator();

const message = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation,
	wabaId: byId(env.emulator.ids.wabaId),
	phoneNumberId: byId(env.emulator.ids.phoneNumberId),
	...extra,
});
const groupId = 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD';

describe('Message → Send to a group, Send Template through the Marketing Messages API', () => {
	it('sends text to a group with recipient_type group; Meta refuses a group without customers', async () => {
		const { emulator, credentials } = env;
		const group = emulator.state.add({ id: groupId, type: 'group', wabaId: emulator.ids.wabaId, phoneNumberId: emulator.ids.phoneNumberId, subject: 'VIP', participants: [] as Array<{ wa_id: string }> });
		const empty = await runNode({ parameters: message('send', { recipientKind: 'group', groupId, messageType: 'text', textBody: 'Hello group' }), credentials });
		expect(empty.error?.message).toBe('Nobody has joined the group yet [code 131020]');
		expect(empty.error?.description).toContain('Group → Get Invite Link');
		group.participants = [{ wa_id: '16505551234' }];
		emulator.clearRequests();
		const { error } = await runNode({ parameters: message('send', { recipientKind: 'group', groupId, messageType: 'text', textBody: 'Hello group' }), credentials });
		expect(error).toBeUndefined();
		expect(emulator.calls('POST', `/${emulator.ids.phoneNumberId}/messages`)[0].body).toMatchObject({ messaging_product: 'whatsapp', recipient_type: 'group', to: groupId, type: 'text', text: { body: 'Hello group' } });
	});

	it('refuses message types groups do not take, and bad group IDs, before sending', async () => {
		const { emulator, credentials } = env;
		const location = await runNode({ parameters: message('send', { recipientKind: 'group', groupId, messageType: 'location', latitude: 1, longitude: 2 }), credentials });
		expect(location.error?.message).toBe('Message Type: groups take text, image, video, audio, document, sticker, template messages, not location');
		const badId = await runNode({ parameters: message('send', { recipientKind: 'group', groupId: 'not a group', messageType: 'text', textBody: 'x' }), credentials });
		expect(badId.error?.message).toMatch(/^Group ID: "not a group" is not a group ID/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('routes a marketing template to /marketing_messages when asked, with Cloud API fallback', async () => {
		const { emulator, credentials } = env;
		const parameters = message('sendTemplate', {
			to: '+16505551234',
			template: { __rl: true, mode: 'nameLanguage', value: 'welcome_offer|en_US' },
			templateParameterInput: 'json',
			templateComponentsJson: JSON.stringify([
				{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://acme.example/offer.png' } }] },
				{ type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Ana' }, { type: 'text', parameter_name: 'discount', text: '10%' }] },
			]),
			messageOptions: { marketingMessagesApi: true },
		});
		const { error } = await runNode({ parameters, credentials });
		expect(error).toBeUndefined();
		const [call] = emulator.calls('POST', `/${emulator.ids.phoneNumberId}/marketing_messages`);
		expect(call.body).toMatchObject({ to: '16505551234', type: 'template', template: { name: 'welcome_offer' }, product_policy: 'CLOUD_API_FALLBACK' });
		expect(emulator.calls('POST', `/${emulator.ids.phoneNumberId}/messages`)).toHaveLength(0);
	});
});
