import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import axios from 'axios';

import { DEFAULT_GRAPH_VERSION } from '../../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import type { GraphEmulator } from '../emulator/server';
import { useEmulator } from '../helpers';
import { sendWith } from '../messaging/helpers';

/**
 * Every documented Cloud API request body in ../shared/real-world/messages (Meta's docs, PyWa,
 * whatsapp-api-js): the node builds it from parameters, exactly, and the emulator accepts it.
 */
const DIR = path.resolve(__dirname, '../../../shared/real-world/messages');
const available = existsSync(path.join(DIR, 'sources.json'));
const describeDocuments = available ? describe : describe.skip;

type Json = Record<string, any>;
const doc = (file: string): Json => JSON.parse(readFileSync(path.join(DIR, file), 'utf8'));
/** Documents address some recipients by placeholder ("PHONE_NUMBER", "3"); those are sent to this number instead. */
const PLACEHOLDER_RECIPIENT = '15550101234';
const template = (name: string, language = 'en_US') => ({ operation: 'sendTemplate', template: { __rl: true, mode: 'nameLanguage', value: `${name}|${language}` } });
const json = (components: unknown) => ({ templateParameterInput: 'json', templateComponentsJson: JSON.stringify(components) });

/** Node parameters that describe each document, the way a user fills in the node. */
const PARAMETERS: Record<string, (body: Json) => Json> = {
	'text-link-preview.json': (body) => ({ messageType: 'text', textBody: body.text.body, previewUrl: true }),
	'text-reply-context.json': (body) => ({ messageType: 'text', textBody: body.text.body, messageOptions: { replyToMessageId: body.context.message_id } }),
	'wajs-text-reply-context.json': (body) => ({ messageType: 'text', textBody: body.text.body, messageOptions: { replyToMessageId: body.context.message_id } }),
	'wajs-text-callback-data.json': (body) => ({ messageType: 'text', textBody: body.text.body, messageOptions: { bizOpaqueCallbackData: body.biz_opaque_callback_data } }),
	'image-id-caption.json': (body) => ({ messageType: 'image', mediaSource: 'id', mediaId: body.image.id, caption: body.image.caption }),
	'pywa-image-link-caption-reply.json': (body) => ({ messageType: 'image', mediaSource: 'link', mediaLink: body.image.link, caption: body.image.caption, messageOptions: { replyToMessageId: body.context.message_id } }),
	'audio-id-voice.json': (body) => ({ messageType: 'audio', mediaSource: 'id', mediaId: body.audio.id, voice: true }),
	'video-id-caption.json': (body) => ({ messageType: 'video', mediaSource: 'id', mediaId: body.video.id, caption: body.video.caption }),
	'document-id-filename-caption.json': (body) => ({ messageType: 'document', mediaSource: 'id', mediaId: body.document.id, caption: body.document.caption, fileName: body.document.filename }),
	'pywa-document-link-caption-filename.json': (body) => ({ messageType: 'document', mediaSource: 'link', mediaLink: body.document.link, caption: body.document.caption, fileName: body.document.filename }),
	'sticker-id.json': (body) => ({ messageType: 'sticker', mediaSource: 'id', mediaId: body.sticker.id }),
	'location.json': (body) => ({
		messageType: 'location',
		latitude: Number(body.location.latitude),
		longitude: Number(body.location.longitude),
		locationName: body.location.name,
		locationAddress: body.location.address,
	}),
	'contacts-full-card.json': (body) => ({ messageType: 'contacts', contactsInput: 'json', contactsJson: JSON.stringify(body.contacts) }),
	'reaction.json': (body) => ({ messageType: 'reaction', reactionMessageId: body.reaction.message_id, emoji: body.reaction.emoji }),
	'pywa-remove-reaction.json': (body) => ({ messageType: 'reaction', reactionMessageId: body.reaction.message_id, emoji: '' }),
	'interactive-reply-buttons-image-header.json': ({ interactive }) => ({
		messageType: 'interactiveButtons',
		headerType: 'image',
		headerMediaSource: 'id',
		headerMediaId: interactive.header.image.id,
		bodyText: interactive.body.text,
		footerText: interactive.footer.text,
		replyButtons: { button: interactive.action.buttons.map((button: Json) => button.reply) },
	}),
	'interactive-list-two-sections.json': ({ interactive }) => ({
		messageType: 'interactiveList',
		listHeaderType: 'text',
		listHeaderText: interactive.header.text,
		bodyText: interactive.body.text,
		footerText: interactive.footer.text,
		listButtonText: interactive.action.button,
		listRows: { row: interactive.action.sections.flatMap((section: Json) => section.rows.map((row: Json) => ({ sectionTitle: section.title, ...row }))) },
	}),
	'interactive-cta-url-image-header.json': ({ interactive }) => ({
		messageType: 'interactiveCtaUrl',
		headerType: 'image',
		headerMediaSource: 'link',
		headerMediaLink: interactive.header.image.link,
		bodyText: interactive.body.text,
		footerText: interactive.footer.text,
		ctaDisplayText: interactive.action.parameters.display_text,
		ctaUrl: interactive.action.parameters.url,
	}),
	'interactive-flow-navigate.json': ({ interactive }) => ({
		messageType: 'interactiveFlow',
		headerType: 'text',
		headerText: interactive.header.text,
		bodyText: interactive.body.text,
		footerText: interactive.footer.text,
		flowIdentifyBy: 'id',
		flowId: interactive.action.parameters.flow_id,
		flowCta: interactive.action.parameters.flow_cta,
		flowToken: interactive.action.parameters.flow_token,
		flowAction: 'navigate',
		flowScreen: interactive.action.parameters.flow_action_payload.screen,
		flowData: JSON.stringify(interactive.action.parameters.flow_action_payload.data),
	}),
	'interactive-location-request.json': ({ interactive }) => ({ messageType: 'interactiveLocationRequest', bodyText: interactive.body.text }),
	'mark-as-read.json': (body) => ({ operation: 'markAsRead', messageId: body.message_id }),
	'mark-as-read-typing-indicator.json': (body) => ({ operation: 'markAsRead', messageId: body.message_id, typingIndicator: true }),
	'template-positional-parameters.json': ({ template: t }) => ({
		...template(t.name),
		bodyParameters: { parameter: t.components[0].parameters.map((parameter: Json) => ({ type: 'text', text: parameter.text })) },
	}),
	'template-named-parameters.json': ({ template: t }) => ({
		...template(t.name),
		bodyParameters: { parameter: t.components[0].parameters.map((parameter: Json) => ({ type: 'text', parameterName: parameter.parameter_name, text: parameter.text })) },
	}),
	'template-utility-named-image-header.json': ({ template: t }) => namedWithImageHeader(t),
	'template-marketing-named-image-header.json': ({ template: t }) => namedWithImageHeader(t),
	'template-auth-copy-code.json': ({ template: t }) => ({
		...template(t.name),
		bodyParameters: { parameter: [{ type: 'text', text: t.components[0].parameters[0].text }] },
		buttonParameters: { button: [{ index: 0, subType: 'url', value: t.components[1].parameters[0].text }] },
	}),
	// Meta writes these with a numeric index or an upper-case sub_type, which only JSON mode keeps as written.
	'template-coupon-copy-code-button.json': ({ template: t }) => ({ ...template(t.name), ...json(t.components) }),
	'template-catalog.json': ({ template: t }) => ({ ...template(t.name), ...json(t.components) }),
	'template-limited-time-offer.json': ({ template: t }) => ({ ...template(t.name), ...json(t.components) }),
	'template-media-card-carousel.json': ({ template: t }) => ({ ...template(t.name), ...json(t.components) }),
	'template-tap-target-override.json': ({ template: t }) => ({ ...template(t.name, t.language.code), ...json(t.components) }),
};

function namedWithImageHeader(t: Json): Json {
	const [header, body] = t.components;
	return {
		...template(t.name),
		headerParameter: { parameter: { type: 'image', mediaSource: 'id', mediaId: header.parameters[0].image.id } },
		bodyParameters: { parameter: body.parameters.map((parameter: Json) => ({ type: 'text', parameterName: parameter.parameter_name, text: parameter.text })) },
	};
}

/** What the document says, with the recipient as the node writes it (digits) and Meta's default recipient_type. */
function expected(body: Json): Json {
	if (body.status) return body;
	const digits = String(body.to).replace(/\D/g, '');
	const to = digits.length >= 7 ? digits : PLACEHOLDER_RECIPIENT;
	return { ...body, recipient_type: body.recipient_type ?? 'individual', to };
}

/** The documents' media IDs, stored in the emulator as files of the kind that uses them. */
function seedMedia(emulator: GraphEmulator, body: Json): void {
	const seed = (id: string, kind: string) => {
		if (emulator.state.get(id)) return;
		const mime = { image: 'image/jpeg', audio: 'audio/ogg', video: 'video/mp4', document: 'application/pdf', sticker: 'image/webp' }[kind];
		emulator.state.add({ id, type: 'media', wabaId: emulator.ids.wabaId, phoneNumberId: emulator.ids.phoneNumberId, mime_type: mime, mediaKind: kind, sha256: 'x', file_size: 10 });
	};
	const walk = (value: unknown, kind?: string): void => {
		if (Array.isArray(value)) value.forEach((entry) => walk(entry, kind));
		else if (value && typeof value === 'object') {
			for (const [key, entry] of Object.entries(value)) {
				if (key === 'id' && kind && typeof entry === 'string' && /^\d+$/.test(entry)) seed(entry, kind);
				walk(entry, ['image', 'audio', 'video', 'document', 'sticker'].includes(key) ? key : kind);
			}
		}
	};
	walk(body);
}

/**
 * An approved template that fits the send (the documents name templates that exist in Meta's
 * examples only): header format, body variables and buttons at the indexes the send uses.
 */
function seedTemplate(emulator: GraphEmulator, t: Json): void {
	const components: Json[] = [];
	const buttons: Json[] = [];
	let named = false;
	let category = 'MARKETING';
	for (const component of t.components ?? []) {
		const type = String(component.type).toLowerCase();
		if (type === 'header') components.push({ type: 'HEADER', format: String(component.parameters[0].type).toUpperCase(), example: { header_handle: ['4::aW1hZ2U='] } });
		if (type === 'body') {
			named = component.parameters.some((parameter: Json) => parameter.parameter_name);
			const variables = component.parameters.map((parameter: Json, index: number) => `{{${parameter.parameter_name ?? index + 1}}}`);
			components.push({ type: 'BODY', text: `Hello ${variables.join(' ')}` });
		}
		if (type === 'button') {
			const subType = String(component.sub_type).toUpperCase();
			buttons[Number(component.index)] = subType === 'URL' ? { type: 'URL', text: 'Open', url: 'https://shop.example/{{1}}' } : { type: subType, text: 'Go' };
		}
		if (type === 'carousel') components.push({ type: 'CAROUSEL', cards: component.cards.map(() => ({ components: [{ type: 'HEADER', format: 'IMAGE' }] })) });
		if (type === 'limited_time_offer') components.push({ type: 'LIMITED_TIME_OFFER', limited_time_offer: { text: 'Offer', has_expiration: true } });
	}
	if (t.name === 'verification_code') {
		category = 'AUTHENTICATION';
		buttons[0] = { type: 'OTP', otp_type: 'COPY_CODE' };
	}
	if (buttons.length) components.push({ type: 'BUTTONS', buttons: Array.from(buttons, (button) => button ?? { type: 'QUICK_REPLY', text: 'More' }) });
	const fields = { category, status: 'APPROVED', parameter_format: named ? 'NAMED' : 'POSITIONAL', components };
	const existing = emulator.state.list('template', (candidate) => candidate.wabaId === emulator.ids.wabaId && candidate.name === t.name && candidate.language === t.language.code)[0];
	if (existing) Object.assign(existing, fields);
	else emulator.state.add({ id: emulator.state.newId(), type: 'template', wabaId: emulator.ids.wabaId, name: t.name, language: t.language.code, ...fields });
}

if (!available) {
	it.skip('documented message bodies (skipped: ../shared/real-world/messages is not beside this clone)', () => undefined);
}

describeDocuments('documented message bodies: the node builds each one exactly, the emulator accepts it', () => {
	const env = useEmulator();
	const sources = available ? (JSON.parse(readFileSync(path.join(DIR, 'sources.json'), 'utf8')) as Array<{ file: string }>) : [];

	it('every documented body has node parameters here', () => {
		expect(sources.map((source) => source.file).sort()).toEqual(Object.keys(PARAMETERS).sort());
	});

	it.each(sources.map((source) => [source.file]))('%s', async (file) => {
		const body = doc(file);
		seedMedia(env.emulator, body);
		if (body.template) seedTemplate(env.emulator, body.template);
		const want = expected(body);
		const path = `/${env.emulator.ids.phoneNumberId}/messages`;

		// The emulator accepts the document as written.
		const direct = await axios.post(`${env.emulator.url}/${DEFAULT_GRAPH_VERSION}${path}`, body.to && want.to !== String(body.to).replace(/\D/g, '') ? { ...body, to: want.to } : body, {
			headers: { authorization: `Bearer ${env.credentials.accessToken}` },
			validateStatus: () => true,
		});
		expect({ status: direct.status, error: direct.data?.error }).toEqual({ status: 200, error: undefined });

		// The node, given the document's values as parameters, sends exactly the document.
		env.emulator.clearRequests();
		const run = await sendWith(env, { to: want.to ?? PLACEHOLDER_RECIPIENT, ...PARAMETERS[file](body) });
		expect(run.error).toBeUndefined();
		const sent = env.emulator.calls('POST', path);
		expect(sent).toHaveLength(1);
		expect(sent[0].status).toBe(200);
		expect(sent[0].body).toEqual(want);
	});
});
