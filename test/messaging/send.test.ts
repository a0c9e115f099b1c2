import { useEmulator } from '../helpers';
import { acceptedBodies, messageCalls, RECIPIENT, sendWith } from './helpers';

const env = useEmulator();

beforeEach(() => {
	env.emulator.state.acceptedMessages.length = 0;
});

describe('message send: every type, as the spec expects', () => {
	it('sends text with preview, reply context and callback data; recipient normalised', async () => {
		const { items, error } = await sendWith(env, {
			messageType: 'text',
			textBody: 'Hello https://acme.example',
			previewUrl: true,
			messageOptions: { replyToMessageId: 'wamid.ABC', bizOpaqueCallbackData: 'campaign-7' },
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json.messages).toEqual([{ id: expect.stringMatching(/^wamid\./) }]);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(acceptedBodies(env.emulator)).toEqual([
			{
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: RECIPIENT,
				type: 'text',
				context: { message_id: 'wamid.ABC' },
				biz_opaque_callback_data: 'campaign-7',
				text: { body: 'Hello https://acme.example', preview_url: true },
			},
		]);
	});
});
