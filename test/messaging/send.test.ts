import { useEmulator } from '../helpers';
import { acceptedBodies, binaryItem, messageCalls, RECIPIENT, seedMedia, sendWith } from './helpers';

const env = useEmulator();
const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: RECIPIENT };

beforeEach(() => {
	env.emulator.state.acceptedMessages.length = 0;
});

async function sendOne(parameters: Record<string, unknown>, options: Parameters<typeof sendWith>[2] = {}) {
	const run = await sendWith(env, parameters, options);
	expect(run.error).toBeUndefined();
	expect(run.items).toHaveLength(1);
	expect(run.items[0].json.messages).toEqual([{ id: expect.stringMatching(/^wamid\./) }]);
	const bodies = acceptedBodies(env.emulator);
	expect(bodies).toHaveLength(1);
	return bodies[0];
}

describe('message send: every type, accepted by the emulator (Meta spec + documented limits)', () => {
	it('text with preview, reply context and callback data; recipient normalised', async () => {
		const body = await sendOne({
			messageType: 'text',
			textBody: 'Hello https://acme.example',
			previewUrl: true,
			messageOptions: { replyToMessageId: 'wamid.ABC', bizOpaqueCallbackData: 'campaign-7' },
		});
		expect(body).toEqual({
			...base,
			type: 'text',
			context: { message_id: 'wamid.ABC' },
			biz_opaque_callback_data: 'campaign-7',
			text: { body: 'Hello https://acme.example', preview_url: true },
		});
	});

	it('image by media ID with caption', async () => {
		const id = seedMedia(env.emulator, 'image/jpeg', 'image');
		expect(await sendOne({ messageType: 'image', mediaSource: 'id', mediaId: id, caption: 'Look' })).toEqual({ ...base, type: 'image', image: { id, caption: 'Look' } });
	});

	it('video and audio by link', async () => {
		expect(await sendOne({ messageType: 'video', mediaSource: 'link', mediaLink: 'https://cdn.example/v.mp4', caption: 'Clip' })).toEqual({
			...base,
			type: 'video',
			video: { link: 'https://cdn.example/v.mp4', caption: 'Clip' },
		});
		env.emulator.state.acceptedMessages.length = 0;
		expect(await sendOne({ messageType: 'audio', mediaSource: 'link', mediaLink: 'https://cdn.example/a.ogg' })).toEqual({ ...base, type: 'audio', audio: { link: 'https://cdn.example/a.ogg' } });
	});

	it('sticker by ID (no caption even if one is set)', async () => {
		const id = seedMedia(env.emulator, 'image/webp', 'sticker');
		expect(await sendOne({ messageType: 'sticker', mediaSource: 'id', mediaId: id, caption: 'ignored' })).toEqual({ ...base, type: 'sticker', sticker: { id } });
	});

	it('document uploaded from the item\'s binary data in the same step, file name from the binary', async () => {
		const pdf = Buffer.from('%PDF-1.4 invoice');
		const body = await sendOne(
			{ messageType: 'document', mediaSource: 'binary', mediaBinaryPropertyName: 'data', caption: 'Your invoice' },
			{ items: [binaryItem(pdf, 'application/pdf', 'invoice.pdf')] },
		);
		const uploads = env.emulator.calls('POST', `/${env.emulator.ids.phoneNumberId}/media`);
		expect(uploads).toHaveLength(1);
		const mediaId = (uploads[0].responseBody as { id: string }).id;
		expect(body).toEqual({ ...base, type: 'document', document: { id: mediaId, caption: 'Your invoice', filename: 'invoice.pdf' } });
		expect(env.emulator.state.mediaBytes.get(mediaId)).toEqual(pdf);
	});

	it('location (coordinates as the spec\'s strings)', async () => {
		expect(await sendOne({ messageType: 'location', latitude: 37.4847, longitude: -122.1486, locationName: 'Meta HQ', locationAddress: '1 Hacker Way' })).toEqual({
			...base,
			type: 'location',
			location: { latitude: '37.4847', longitude: '-122.1486', name: 'Meta HQ', address: '1 Hacker Way' },
		});
	});

	it('contacts from fields and from JSON', async () => {
		const body = await sendOne({
			messageType: 'contacts',
			contactsInput: 'fields',
			contacts: { contact: [{ formattedName: 'Ana Example', firstName: 'Ana', phone: '+1 555 010 9999', phoneType: 'WORK', email: 'ana@example.com', company: 'Acme' }] },
		});
		expect(body.contacts).toEqual([
			{ name: { formatted_name: 'Ana Example', first_name: 'Ana' }, phones: [{ phone: '+1 555 010 9999', type: 'WORK' }], emails: [{ email: 'ana@example.com' }], org: { company: 'Acme' } },
		]);
		env.emulator.state.acceptedMessages.length = 0;
		const json = [{ name: { formatted_name: 'Bo', last_name: 'Bo' }, urls: [{ url: 'https://bo.example' }] }];
		expect((await sendOne({ messageType: 'contacts', contactsInput: 'json', contactsJson: JSON.stringify(json) })).contacts).toEqual(json);
	});

	it('interactive reply buttons with an image header by link and a footer', async () => {
		const body = await sendOne({
			messageType: 'interactiveButtons',
			headerType: 'image',
			headerMediaSource: 'link',
			headerMediaLink: 'https://cdn.example/h.png',
			bodyText: 'Pick one',
			footerText: 'Acme',
			replyButtons: { button: [{ id: 'yes', title: 'Yes' }, { id: 'no', title: 'No' }] },
		});
		expect(body.interactive).toEqual({
			type: 'button',
			header: { type: 'image', image: { link: 'https://cdn.example/h.png' } },
			body: { text: 'Pick one' },
			footer: { text: 'Acme' },
			action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }, { type: 'reply', reply: { id: 'no', title: 'No' } }] },
		});
	});

	it('interactive list: rows grouped into sections in order', async () => {
		const body = await sendOne({
			messageType: 'interactiveList',
			listHeaderType: 'text',
			listHeaderText: 'Menu',
			bodyText: 'What would you like?',
			listButtonText: 'Open menu',
			listRows: {
				row: [
					{ sectionTitle: 'Drinks', id: 'tea', title: 'Tea', description: 'Green' },
					{ sectionTitle: 'Food', id: 'cake', title: 'Cake' },
					{ sectionTitle: 'Drinks', id: 'coffee', title: 'Coffee' },
				],
			},
		});
		expect(body.interactive).toEqual({
			type: 'list',
			header: { type: 'text', text: 'Menu' },
			body: { text: 'What would you like?' },
			action: {
				button: 'Open menu',
				sections: [
					{ title: 'Drinks', rows: [{ id: 'tea', title: 'Tea', description: 'Green' }, { id: 'coffee', title: 'Coffee' }] },
					{ title: 'Food', rows: [{ id: 'cake', title: 'Cake' }] },
				],
			},
		});
	});

	it('interactive call-to-action URL', async () => {
		const body = await sendOne({ messageType: 'interactiveCtaUrl', headerType: 'text', headerText: 'Offer', bodyText: 'See it', ctaDisplayText: 'Open', ctaUrl: 'https://acme.example/o' });
		expect(body.interactive).toEqual({
			type: 'cta_url',
			header: { type: 'text', text: 'Offer' },
			body: { text: 'See it' },
			action: { name: 'cta_url', parameters: { display_text: 'Open', url: 'https://acme.example/o' } },
		});
	});

	it('interactive flow by ID with first screen and data', async () => {
		const body = await sendOne({
			messageType: 'interactiveFlow',
			bodyText: 'Sign up',
			flowIdentifyBy: 'id',
			flowId: '1234567890',
			flowCta: 'Start',
			flowToken: 'tok-1',
			flowAction: 'navigate',
			flowScreen: 'WELCOME',
			flowData: '{"plan":"pro"}',
		});
		expect(body.interactive).toEqual({
			type: 'flow',
			body: { text: 'Sign up' },
			action: {
				name: 'flow',
				parameters: { flow_message_version: '3', flow_id: '1234567890', flow_cta: 'Start', flow_token: 'tok-1', flow_action: 'navigate', flow_action_payload: { screen: 'WELCOME', data: { plan: 'pro' } } },
			},
		});
	});

	it('interactive location request', async () => {
		const body = await sendOne({ messageType: 'interactiveLocationRequest', bodyText: 'Where are you?' });
		expect(body.interactive).toEqual({ type: 'location_request_message', body: { text: 'Where are you?' }, action: { name: 'send_location' } });
	});

	it('reaction, and an empty emoji to remove it', async () => {
		expect((await sendOne({ messageType: 'reaction', reactionMessageId: 'wamid.XYZ', emoji: '👍' })).reaction).toEqual({ message_id: 'wamid.XYZ', emoji: '👍' });
		env.emulator.state.acceptedMessages.length = 0;
		expect((await sendOne({ messageType: 'reaction', reactionMessageId: 'wamid.XYZ', emoji: '' })).reaction).toEqual({ message_id: 'wamid.XYZ', emoji: '' });
	});

	it('mark as read with a typing indicator', async () => {
		const { items, error } = await sendWith(env, { operation: 'markAsRead', messageId: 'wamid.IN1', typingIndicator: true });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ success: true, message_id: 'wamid.IN1' });
		expect(messageCalls(env.emulator)[0].body).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN1', typing_indicator: { type: 'text' } });
	});
});

describe('message send: local validation names the field and the limit, before any request', () => {
	const cases: Array<[string, Record<string, unknown>, RegExp]> = [
		['recipient that is not a number', { messageType: 'text', textBody: 'hi', to: 'call me' }, /Recipient Phone Number or User ID: "call me" is not a phone number/],
		['recipient too short', { messageType: 'text', textBody: 'hi', to: '+12 34' }, /has 4 digits/],
		['text over 4096', { messageType: 'text', textBody: 'x'.repeat(4097) }, /Text: is 4097 characters long; the limit is 4096/],
		['caption over 1024', { messageType: 'image', mediaSource: 'link', mediaLink: 'https://x.example/a.jpg', caption: 'c'.repeat(1025) }, /Caption: .*limit is 1024/],
		['four reply buttons', { messageType: 'interactiveButtons', bodyText: 'b', replyButtons: { button: [1, 2, 3, 4].map((n) => ({ id: `b${n}`, title: `B${n}` })) } }, /Buttons: needs between 1 and 3/],
		['button title over 20', { messageType: 'interactiveButtons', bodyText: 'b', replyButtons: { button: [{ id: 'a', title: 'x'.repeat(21) }] } }, /Button 1 Title: is 21 characters long; the limit is 20/],
		['duplicate button titles', { messageType: 'interactiveButtons', bodyText: 'b', replyButtons: { button: [{ id: 'a', title: 'Same' }, { id: 'b', title: 'Same' }] } }, /unique/],
		['eleven list rows', { messageType: 'interactiveList', bodyText: 'b', listButtonText: 'Open', listRows: { row: Array.from({ length: 11 }, (_, n) => ({ id: `r${n}`, title: `R${n}` })) } }, /Rows: needs between 1 and 10/],
		['row description over 72', { messageType: 'interactiveList', bodyText: 'b', listButtonText: 'Open', listRows: { row: [{ id: 'r', title: 'R', description: 'd'.repeat(73) }] } }, /Row 1 Description: .*limit is 72/],
		['flow CTA over 30', { messageType: 'interactiveFlow', bodyText: 'b', flowIdentifyBy: 'name', flowName: 'signup', flowCta: 'c'.repeat(31), flowAction: 'data_exchange' }, /Flow Button Text: .*limit is 30/],
		['cta url not http', { messageType: 'interactiveCtaUrl', bodyText: 'b', ctaDisplayText: 'Go', ctaUrl: 'ftp://x' }, /Button URL: must start with http/],
		['callback data over 512', { messageType: 'text', textBody: 'hi', messageOptions: { bizOpaqueCallbackData: 'x'.repeat(513) } }, /Callback Data: .*limit is 512/],
		['six contacts', { messageType: 'contacts', contactsInput: 'json', contactsJson: JSON.stringify(Array.from({ length: 6 }, () => ({ name: { formatted_name: 'A', first_name: 'A' } }))) }, /Contacts: needs between 1 and 5/],
		['latitude out of range', { messageType: 'location', latitude: 91, longitude: 0 }, /Latitude: must be between -90 and 90/],
	];
	it.each(cases)('%s', async (_name, parameters, message) => {
		const { error } = await sendWith(env, parameters);
		expect(error?.message).toMatch(message);
		expect(env.emulator.requests).toHaveLength(0);
	});

	it('a binary file of the wrong type for the message is refused before uploading', async () => {
		const { error } = await sendWith(env, { messageType: 'image', mediaSource: 'binary', mediaBinaryPropertyName: 'data' }, { items: [binaryItem(Buffer.from('GIF89a'), 'image/gif', 'a.gif')] });
		expect(error?.message).toMatch(/an image must be one of image\/jpeg, image\/png; this file is "image\/gif"/);
		expect(env.emulator.requests).toHaveLength(0);
	});
});

describe('message send: recipients are phone numbers or business-scoped user IDs (BSUIDs)', () => {
	const BSUID = 'US.13491208655302741918';

	it('a BSUID goes in `recipient` (not `to`), and Meta answers with the user_id', async () => {
		const run = await sendWith(env, { messageType: 'text', textBody: 'Hi', to: BSUID });
		expect(run.error).toBeUndefined();
		expect(acceptedBodies(env.emulator)).toEqual([{ messaging_product: 'whatsapp', recipient_type: 'individual', recipient: BSUID, type: 'text', text: { body: 'Hi' } }]);
		expect(run.items[0].json.contacts).toEqual([{ input: BSUID, user_id: BSUID }]);
	});

	it('an enterprise BSUID and a template are accepted too', async () => {
		const run = await sendWith(env, {
			operation: 'sendTemplate',
			to: 'US.ENT.11815799212886844830',
			template: { __rl: true, mode: 'nameLanguage', value: 'order_shipped|en_US' },
			bodyParameters: { parameter: [{ type: 'text', text: 'Ana' }, { type: 'text', text: 'A-1' }] },
			buttonParameters: { button: [{ index: 0, subType: 'url', value: 'A-1' }] },
		});
		expect(run.error).toBeUndefined();
		expect(acceptedBodies(env.emulator)[0]).toMatchObject({ recipient: 'US.ENT.11815799212886844830', type: 'template' });
		expect(acceptedBodies(env.emulator)[0]).not.toHaveProperty('to');
	});

	it.each([
		['a name', 'Ana Example'],
		['a lower-case country code', 'us.13491208655302741918'],
		['a BSUID with a space', 'US.1349 1208'],
		['an object from an expression', { id: 'US.1' }],
	])('refuses %s, naming the value, before any request', async (_name, to) => {
		const run = await sendWith(env, { messageType: 'text', textBody: 'Hi', to });
		expect(run.error?.message).toMatch(/^Recipient Phone Number or User ID: /);
		expect(messageCalls(env.emulator)).toHaveLength(0);
	});
});

describe('message send: parameters that must be text refuse objects and lists (issue 11)', () => {
	it.each([
		['an object as the text', { messageType: 'text', textBody: { first: 'Ana' } }, /^Text: must be text, but its expression gave an object \(\{"first":"Ana"\}\)/],
		['a list as the caption', { messageType: 'image', mediaSource: 'link', mediaLink: 'https://cdn.example/a.jpg', caption: ['x', 'y'] }, /^Caption: must be text, but its expression gave a list/],
		['an object as a button title', { messageType: 'interactiveButtons', bodyText: 'Pick', replyButtons: { button: [{ id: 'a', title: { t: 1 } }] } }, /^Button 1 Title: must be text/],
		['a list as the reply-to ID', { messageType: 'text', textBody: 'hi', messageOptions: { replyToMessageId: ['wamid.A', 'wamid.B'] } }, /^Reply To Message ID: must be text/],
		['an object as a template parameter', { operation: 'sendTemplate', template: { __rl: true, mode: 'nameLanguage', value: 'order_shipped|en_US' }, bodyParameters: { parameter: [{ type: 'text', text: { a: 1 } }] } }, /^Body Parameter 1 Text: must be text/],
	])('%s is refused with the field named, nothing sent', async (_name, parameters, message) => {
		const run = await sendWith(env, parameters);
		expect(run.error?.message).toMatch(message);
		expect(messageCalls(env.emulator)).toHaveLength(0);
	});

	it('an expression {{ $json.customer }} that gives an object is refused too', async () => {
		const run = await sendWith(env, { messageType: 'text', textBody: '={{ $json.customer }}' }, { items: [{ json: { customer: { name: 'Ana' } } }] });
		expect(run.error?.message).toMatch(/^Text: must be text, but its expression gave an object \(\{"name":"Ana"\}\)/);
		expect(messageCalls(env.emulator)).toHaveLength(0);
	});
});

describe('message send: e-mail check on contact cards is linear and capped (issue 11)', () => {
	const card = (email: string) => ({ messageType: 'contacts', contactsInput: 'fields', contacts: { contact: [{ formattedName: 'Ana Example', firstName: 'Ana', email }] } });

	it('refuses an address longer than 254 characters, saying so', async () => {
		const run = await sendWith(env, card(`${'a'.repeat(250)}@example.com`));
		expect(run.error?.message).toMatch(/^Contact 1 Email: is 262 characters long; an email address may be at most 254/);
	});

	it('refuses input built to make a backtracking pattern slow by its length, not after scanning it', async () => {
		const run = await sendWith(env, card(`a@${'.'.repeat(20_000)}@`));
		expect(run.error?.message).toMatch(/^Contact 1 Email: is 20003 characters long/);
		expect(messageCalls(env.emulator)).toHaveLength(0);
	});

	it('still accepts ordinary addresses and refuses malformed ones', async () => {
		expect((await sendWith(env, card('ana@example.com'))).error).toBeUndefined();
		expect((await sendWith(env, card('ana@example'))).error?.message).toMatch(/"ana@example" is not an email address/);
	});
});

describe('message send: asking a customer known by BSUID for their phone number', () => {
	it('sends the request_contact_info interactive message to a BSUID', async () => {
		const run = await sendWith(env, { messageType: 'interactiveRequestContactInfo', bodyText: 'Please share your number so we can call you back.', to: 'US.13491208655302741918' });
		expect(run.error).toBeUndefined();
		expect(acceptedBodies(env.emulator)).toEqual([
			{
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				recipient: 'US.13491208655302741918',
				type: 'interactive',
				interactive: { type: 'request_contact_info', body: { text: 'Please share your number so we can call you back.' }, action: { name: 'request_contact_info' } },
			},
		]);
	});
});

describe('message send: where Meta takes no BSUID', () => {
	it('an authentication template to a BSUID is refused before any message request, naming the value', async () => {
		const auth = env.emulator.state.list('template', (template) => template.category === 'AUTHENTICATION' && template.status === 'APPROVED')[0];
		const run = await sendWith(env, {
			operation: 'sendTemplate',
			to: 'US.13491208655302741918',
			template: { __rl: true, mode: 'nameLanguage', value: `${String(auth.name)}|${String(auth.language)}` },
			bodyParameters: { parameter: [{ type: 'text', text: '123456' }] },
			buttonParameters: { button: [{ index: 0, subType: 'url', value: '123456' }] },
		});
		expect(run.error?.message).toMatch(/"US\.13491208655302741918" is a business-scoped user ID, and Meta sends authentication templates .* to phone numbers only/);
		expect(messageCalls(env.emulator)).toHaveLength(0);
	});
});
