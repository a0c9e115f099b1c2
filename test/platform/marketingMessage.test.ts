import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';

const env = useEmulator();

const marketing = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'marketingMessage',
	operation,
	wabaId: byId(env.emulator.ids.wabaId),
	phoneNumberId: byId(env.emulator.ids.phoneNumberId),
	...extra,
});
const template = (value: string) => ({ __rl: true, mode: 'nameLanguage', value });
const welcomeOffer = {
	template: template('welcome_offer|en_US'),
	templateParameterInput: 'json',
	templateComponentsJson: JSON.stringify([
		{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://acme.example/offer.png' } }] },
		{ type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Ana' }, { type: 'text', parameter_name: 'discount', text: '15%' }] },
	]),
};

describe('marketing messages', () => {
	afterEach(() => {
		env.emulator.state.get(env.emulator.ids.wabaId)!.marketing_messages_onboarding_status = 'NOT_STARTED';
	});

	it('reads the onboarding status, refuses to send before onboarding (says what to do), sends once onboarded', async () => {
		const { emulator, credentials } = env;
		const status = await runNode({ parameters: marketing('getOnboardingStatus'), credentials });
		expect(status.items[0].json).toEqual({ id: emulator.ids.wabaId, name: 'Acme Support', marketing_messages_lite_api_status: 'INELIGIBLE', marketing_messages_onboarding_status: 'NOT_STARTED' });

		const refused = await runNode({ parameters: marketing('send', { to: '+1 650 555 1234', ...welcomeOffer, marketingOptions: { productPolicy: 'STRICT' } }), credentials });
		expect(refused.error?.message).toBe('This account cannot use the Marketing Messages API yet [code 10]');
		expect(refused.error?.description).toMatch(/^What to do: Accept the Marketing Messages API terms/);

		emulator.state.get(emulator.ids.wabaId)!.marketing_messages_onboarding_status = 'ONBOARDED';
		const sent = await runNode({ parameters: marketing('send', { to: '+1 650 555 1234', ...welcomeOffer, marketingOptions: { productPolicy: 'STRICT', messageActivitySharing: false } }), credentials });
		expect(sent.error).toBeUndefined();
		const [call] = emulator.calls('POST', `/${emulator.ids.phoneNumberId}/marketing_messages`).slice(-1);
		expect(call.body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '16505551234',
			type: 'template',
			template: { name: 'welcome_offer', language: { code: 'en_US' }, components: JSON.parse(welcomeOffer.templateComponentsJson) },
			product_policy: 'STRICT',
			message_activity_sharing: false,
		});
		expect(sent.items[0].json).toMatchObject({ messages: [{ id: expect.stringMatching(/^wamid\./), message_status: 'accepted' }], success: true });
	});

	it('falls back to the Cloud API when asked, and refuses templates that are not marketing', async () => {
		const { emulator, credentials } = env;
		const fallback = await runNode({ parameters: marketing('send', { to: '+16505551234', ...welcomeOffer, marketingOptions: { productPolicy: 'CLOUD_API_FALLBACK' } }), credentials });
		expect(fallback.error).toBeUndefined();
		expect(emulator.state.acceptedMessages.at(-1)!.body.viaMarketingMessagesApi).toBe(false);
		const utility = await runNode({ parameters: marketing('send', { to: '+16505551234', template: template('login_code|en_US'), templateParameterInput: 'json', templateComponentsJson: '[]', marketingOptions: { productPolicy: 'CLOUD_API_FALLBACK' } }), credentials });
		expect(utility.error?.description).toContain('Only MARKETING templates');
	});

	it('checks recipient and template before sending', async () => {
		const { emulator, credentials } = env;
		const badTo = await runNode({ parameters: marketing('send', { to: 'ana', ...welcomeOffer }), credentials });
		expect(badTo.error?.message).toMatch(/^Recipient Phone Number or User ID: "ana" is not a phone number/);
		const badTemplate = await runNode({ parameters: marketing('send', { to: '+16505551234', template: template('welcome_offer|e'), templateParameterInput: 'json', templateComponentsJson: '[]' }), credentials });
		expect(badTemplate.error?.message).toMatch(/^Template: /);
		expect(emulator.requests).toHaveLength(0);
	});
});
