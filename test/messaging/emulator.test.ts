import axios from 'axios';

import { DEFAULT_GRAPH_VERSION } from '../../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import { useEmulator } from '../helpers';

const env = useEmulator();

async function post(path: string, data: unknown, headers: Record<string, string> = {}) {
	const response = await axios.post(`${env.emulator.url}/${DEFAULT_GRAPH_VERSION}${path}`, data, {
		headers: { authorization: `Bearer ${env.credentials.accessToken}`, ...headers },
		validateStatus: () => true,
	});
	return { status: response.status, code: response.data?.error?.code as number | undefined, details: String(response.data?.error?.error_data?.details ?? ''), data: response.data };
}

const send = (body: Record<string, unknown>) => post(`/${env.emulator.ids.phoneNumberId}/messages`, { messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550101234', ...body });

describe('emulator: messages are rejected where the real API rejects them', () => {
	it('accepts a valid text message and answers like Meta', async () => {
		const ok = await send({ type: 'text', text: { body: 'hi' } });
		expect(ok.status).toBe(200);
		expect(ok.data).toEqual({ messaging_product: 'whatsapp', contacts: [{ input: '15550101234', wa_id: '15550101234' }], messages: [{ id: expect.stringMatching(/^wamid\./) }] });
	});

	it.each([
		['no recipient_type (spec)', { recipient_type: undefined, type: 'text', text: { body: 'hi' } }, 100, /recipient_type/],
		['text over 4096', { type: 'text', text: { body: 'x'.repeat(4097) } }, 100, /4096/],
		['image with both id and link', { type: 'image', image: { id: '1', link: 'https://x.example/a.jpg' } }, 100, /./],
		['unknown media id', { type: 'image', image: { id: '99999999' } }, 100, /not a media ID/],
		['four reply buttons', { type: 'interactive', interactive: { type: 'button', body: { text: 'b' }, action: { buttons: [1, 2, 3, 4].map((n) => ({ type: 'reply', reply: { id: `${n}`, title: `${n}` } })) } } }, [100, 131009], /maxItems|3/],
		['button title over 20', { type: 'interactive', interactive: { type: 'button', body: { text: 'b' }, action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'x'.repeat(21) } }] } } }, 100, /20/],
		['eleven rows over two sections', { type: 'interactive', interactive: { type: 'list', body: { text: 'b' }, action: { button: 'Open', sections: [{ title: 'A', rows: Array.from({ length: 6 }, (_, n) => ({ id: `a${n}`, title: 'r' })) }, { title: 'B', rows: Array.from({ length: 5 }, (_, n) => ({ id: `b${n}`, title: 'r' })) }] } } }, 131009, /10 rows/],
		['cta_url display text over 20', { type: 'interactive', interactive: { type: 'cta_url', body: { text: 'b' }, action: { name: 'cta_url', parameters: { display_text: 'x'.repeat(21), url: 'https://a.example' } } } }, 100, /20/],
		['flow cta over 30', { type: 'interactive', interactive: { type: 'flow', body: { text: 'b' }, action: { name: 'flow', parameters: { flow_message_version: '3', flow_id: '1', flow_cta: 'x'.repeat(31) } } } }, 100, /30/],
		['recipient that is not a number', { to: 'abc', type: 'text', text: { body: 'hi' } }, 100, /not a valid/],
		['template with a language it does not exist in', { type: 'template', template: { name: 'order_shipped', language: { policy: 'deterministic', code: 'de_DE' } } }, 132001, /does not exist/],
		['template with too few parameters', { type: 'template', template: { name: 'order_shipped', language: { policy: 'deterministic', code: 'es_ES' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }] } }, 132000, /expected 2/],
	])('%s', async (_name, body, code, details) => {
		const before = env.emulator.state.acceptedMessages.length;
		const answer = await send(body as Record<string, unknown>);
		// The spec's schema answers 100 first where ../shared/specs is present; the emulator's own check answers 131009.
		expect([code].flat()).toContain(answer.code);
		expect(answer.details + JSON.stringify(answer.data)).toMatch(details);
		expect(env.emulator.state.acceptedMessages).toHaveLength(before);
	});

	it('free-form text outside the 24-hour window fails with 131047; a template still goes', async () => {
		env.emulator.state.closedWindows.add('15550109999');
		expect((await send({ to: '15550109999', type: 'text', text: { body: 'hi' } })).code).toBe(131047);
		const template = await send({ to: '15550109999', type: 'template', template: { name: 'order_shipped', language: { policy: 'deterministic', code: 'es_ES' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'A' }, { type: 'text', text: 'B' }] }] } });
		expect(template.status).toBe(200);
		env.emulator.state.closedWindows.clear();
	});

	it('charges the throughput limit: over the cap is 130429', async () => {
		env.emulator.limiter.config.messagesPerSecond = 2;
		const answers = [];
		for (let n = 0; n < 3; n++) answers.push(await send({ to: `1555010000${n}`, type: 'text', text: { body: 'hi' } }));
		expect(answers.map((answer) => answer.code)).toEqual([undefined, undefined, 130429]);
		env.emulator.limiter.config.messagesPerSecond = 80;
	});

	it('mark as read needs a wamid and answers success', async () => {
		expect((await send({ status: 'read', message_id: 'nope', recipient_type: undefined, to: undefined })).code).toBe(100);
		const ok = await post(`/${env.emulator.ids.phoneNumberId}/messages`, { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.X', typing_indicator: { type: 'text' } });
		expect(ok.data).toEqual({ success: true });
	});

	it('media upload: wrong type is 100, an over-size image is 131053, a non-multipart body is 100', async () => {
		const upload = (type: string, bytes: Buffer) => {
			const form = new FormData();
			form.append('messaging_product', 'whatsapp');
			form.append('type', type);
			form.append('file', new Blob([bytes], { type }), 'f');
			return post(`/${env.emulator.ids.phoneNumberId}/media`, form);
		};
		expect((await upload('image/gif', Buffer.from('GIF89a'))).code).toBe(100);
		expect((await upload('image/jpeg', Buffer.alloc(5 * 1024 * 1024 + 1))).code).toBe(131053);
		expect((await post(`/${env.emulator.ids.phoneNumberId}/media`, { messaging_product: 'whatsapp' })).code).toBe(100);
	});

	it('the media URL needs the Bearer token', async () => {
		const form = new FormData();
		form.append('messaging_product', 'whatsapp');
		form.append('type', 'text/plain');
		form.append('file', new Blob([Buffer.from('x')], { type: 'text/plain' }), 'x.txt');
		const { data } = await post(`/${env.emulator.ids.phoneNumberId}/media`, form);
		const meta = await axios.get(`${env.emulator.url}/${DEFAULT_GRAPH_VERSION}/${data.id}`, { headers: { authorization: `Bearer ${env.credentials.accessToken}` } });
		const anonymous = await axios.get(meta.data.url, { validateStatus: () => true });
		expect(anonymous.status).toBe(400);
		const authorised = await axios.get(meta.data.url, { headers: { authorization: `Bearer ${env.credentials.accessToken}` }, responseType: 'arraybuffer' });
		expect(Buffer.from(authorised.data).toString()).toBe('x');
	});
});

describe('emulator: business-scoped user IDs as Meta documents them', () => {
	const BSUID = 'US.13491208655302741918';

	it('takes a BSUID in `recipient` and answers with user_id; `to` wins when both are given', async () => {
		const bsuid = await post(`/${env.emulator.ids.phoneNumberId}/messages`, { messaging_product: 'whatsapp', recipient_type: 'individual', recipient: BSUID, type: 'text', text: { body: 'hi' } });
		expect(bsuid.status).toBe(200);
		expect(bsuid.data.contacts).toEqual([{ input: BSUID, user_id: BSUID }]);
		const both = await send({ recipient: BSUID, type: 'text', text: { body: 'hi' } });
		expect(both.data.contacts).toEqual([{ input: '15550101234', wa_id: '15550101234' }]);
	});

	it('refuses a malformed BSUID, and a BSUID for an authentication template (131062)', async () => {
		const bad = await post(`/${env.emulator.ids.phoneNumberId}/messages`, { messaging_product: 'whatsapp', recipient_type: 'individual', recipient: 'Ana', type: 'text', text: { body: 'hi' } });
		expect(bad.code).toBe(100);
		expect(bad.details).toMatch(/not a business-scoped user ID/);
		const auth = env.emulator.state.list('template', (template) => template.category === 'AUTHENTICATION' && template.status === 'APPROVED')[0];
		const otp = await post(`/${env.emulator.ids.phoneNumberId}/messages`, {
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			recipient: BSUID,
			type: 'template',
			template: { name: auth.name, language: { code: auth.language }, components: [{ type: 'body', parameters: [{ type: 'text', text: '123456' }] }, { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '123456' }] }] },
		});
		expect(otp.code).toBe(131062);
	});
});
