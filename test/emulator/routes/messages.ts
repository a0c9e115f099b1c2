import { randomBytes } from 'node:crypto';

import { GraphError, invalidParameter } from '../graphError';
import type { GraphObject } from '../state';
import { groupRecipientOf } from './groups';
import type { Route, RouteContext } from './types';

type Json = Record<string, unknown>;

const MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'];
/** Interactive types the real API has but Meta's OpenAPI spec (v23.0) does not list: checked by the rules below only. */
const INTERACTIVE_TYPES_MISSING_FROM_SPEC = ['cta_url', 'location_request_message', 'request_contact_info'];

/**
 * Defects of Meta's spec that would reject what the real API accepts, dropped from its verdict:
 * - template button `index` has pattern `^[2-6, 11-14]$` (a character class: "0" fails), while the API takes "0"–"9";
 * - template button `sub_type` lists quick_reply, url, catalog only (the API also takes copy_code, flow, …);
 * - button parameters list payload and text only (copy_code buttons take coupon_code, flow buttons action);
 * - `language.policy` is required, while every one of Meta's documented template sends leaves it out;
 * - button `index` must be a string, while Meta's own examples (catalog, coupon, limited-time offer) send numbers;
 * - component `type` lists header, body and button only: Meta documents carousel, limited_time_offer,
 *   tap_target_configuration and order_status too (checked against that list below);
 * - contact card address, email, phone and URL `type` must be HOME or WORK, while Meta's contacts example
 *   uses free labels ("Office", "Landline", "Company (FB)").
 */
const SPEC_DEFECTS = [
	/^\/template\/components\/\d+\/index must match pattern/,
	/^\/template\/components\/\d+\/sub_type must be equal to one of the allowed values/,
	/^\/template\/components\/\d+\/parameters\/\d+\/type must be equal to one of the allowed values/,
	/^\/template\/language must have required property 'policy'/,
	/^\/template\/components\/\d+\/index must be string/,
	/^\/template\/components\/\d+\/type must be equal to one of the allowed values/,
	/^\/contacts\/\d+\/(addresses|emails|phones|urls)\/\d+\/type must be equal to one of the allowed values/,
];
/** Component types of a template send (Meta: "Template messages", carousel, limited-time offer and tap-target pages). */
const TEMPLATE_COMPONENT_TYPES = ['header', 'body', 'button', 'carousel', 'limited_time_offer', 'tap_target_configuration', 'order_status'];

const len = (value: unknown) => [...String(value ?? '')].length;

function limit(field: string, value: unknown, max: number, required = false): void {
	if (required && !String(value ?? '').trim()) throw invalidParameter(`${field} is required`);
	if (len(value) > max) throw invalidParameter(`${field} is too long: ${len(value)} characters, the limit is ${max}`);
}

function checkMediaRef(context: RouteContext, field: string, kind: string, media: Json | undefined): void {
	if (!media || typeof media !== 'object') throw invalidParameter(`${field} is required`);
	if (media.id !== undefined && media.link !== undefined) throw invalidParameter(`${field}: give id or link, not both`);
	if (media.id !== undefined) {
		const stored = context.state.get(String(media.id));
		if (!stored || stored.type !== 'media') throw invalidParameter(`${field}.id ${String(media.id)} is not a media ID uploaded for this account`);
		if (kind !== 'document' && kind !== stored.mediaKind && !(kind === 'image' && stored.mediaKind === 'sticker')) {
			throw new GraphError(400, 131053, '(#131053) Media upload error', { details: `Media ${String(media.id)} is ${String(stored.mime_type)}, which cannot be sent as ${kind}` });
		}
	} else if (media.link !== undefined) {
		if (!/^https?:\/\//.test(String(media.link))) throw invalidParameter(`${field}.link must be an http(s) URL`);
	} else throw invalidParameter(`${field} needs id or link`);
	if (media.caption !== undefined) limit(`${field}.caption`, media.caption, 1024);
}

const BSUID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;

/**
 * Who the message goes to (Meta's "Business-scoped user IDs"): a phone number in `to`, or a BSUID
 * (or parent BSUID) in `recipient`; when both are given, `to` wins.
 */
function recipientOf(body: Json): { kind: 'phone' | 'bsuid'; id: string } {
	if (body.to !== undefined) {
		const to = String(body.to);
		if (!/^\d{7,15}$/.test(to.replace(/^\+/, ''))) throw invalidParameter(`to: "${to}" is not a valid WhatsApp user phone number`);
		return { kind: 'phone', id: to.replace(/^\+/, '') };
	}
	if (body.recipient !== undefined) {
		const recipient = String(body.recipient);
		if (recipient.length > 160 || !BSUID.test(recipient)) throw invalidParameter(`recipient: "${recipient}" is not a business-scoped user ID`);
		return { kind: 'bsuid', id: recipient };
	}
	throw invalidParameter('to (a phone number) or recipient (a business-scoped user ID) is required');
}

/** The documented limits the real API enforces beyond the spec's schema. */
function checkLimits(context: RouteContext, body: Json): void {
	if (body.biz_opaque_callback_data !== undefined) limit('biz_opaque_callback_data', body.biz_opaque_callback_data, 512);
	const type = String(body.type);
	const content = body[type] as Json | Json[] | undefined;
	if (type === 'text') limit('text.body', (content as Json)?.body, 4096, true);
	if (MEDIA_TYPES.includes(type)) checkMediaRef(context, type, type, content as Json);
	if (type === 'reaction' && !String((content as Json)?.message_id ?? '')) throw invalidParameter('reaction.message_id is required');
	if (type === 'location') {
		const { latitude, longitude } = content as Json;
		if (!Number.isFinite(Number(latitude)) || Math.abs(Number(latitude)) > 90) throw invalidParameter('location.latitude must be between -90 and 90');
		if (!Number.isFinite(Number(longitude)) || Math.abs(Number(longitude)) > 180) throw invalidParameter('location.longitude must be between -180 and 180');
	}
	if (type === 'contacts') {
		for (const card of content as Json[]) {
			if (!String((card.name as Json)?.formatted_name ?? '').trim()) throw invalidParameter('contacts[].name.formatted_name is required');
		}
	}
	if (type === 'interactive') checkInteractive(context, content as Json);
}

function checkInteractive(context: RouteContext, interactive: Json): void {
	const kind = String(interactive.type);
	const action = (interactive.action ?? {}) as Json;
	const header = interactive.header as Json | undefined;
	if (header) {
		if (header.type === 'text') limit('interactive.header.text', header.text, 60, true);
		else if (['image', 'video', 'document'].includes(String(header.type))) checkMediaRef(context, 'interactive.header', String(header.type), header[String(header.type)] as Json);
		if (kind === 'list' && header.type !== 'text') throw invalidParameter('interactive.header: a list message takes a text header only');
	}
	if (kind !== 'product') limit('interactive.body.text', (interactive.body as Json)?.text, 1024, true);
	if (interactive.footer) limit('interactive.footer.text', (interactive.footer as Json).text, 60, true);
	if (kind === 'button') {
		const buttons = (action.buttons ?? []) as Json[];
		if (buttons.length < 1 || buttons.length > 3) throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', { details: 'interactive.action.buttons: 1 to 3 buttons' });
		const titles = buttons.map((button) => String((button.reply as Json)?.title ?? ''));
		titles.forEach((title) => limit('interactive.action.buttons[].reply.title', title, 20, true));
		if (new Set(titles).size !== titles.length) throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', { details: 'Button titles must be unique' });
	}
	if (kind === 'list') {
		limit('interactive.action.button', action.button, 20, true);
		const sections = (action.sections ?? []) as Json[];
		const rows = sections.flatMap((section) => (section.rows ?? []) as Json[]);
		if (sections.length < 1 || sections.length > 10) throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', { details: 'interactive.action.sections: 1 to 10 sections' });
		if (rows.length < 1 || rows.length > 10) throw new GraphError(400, 131009, '(#131009) Parameter value is not valid', { details: `interactive.action.sections: 1 to 10 rows in total (got ${rows.length})` });
		if (sections.length > 1 && sections.some((section) => !section.title)) throw invalidParameter('interactive.action.sections[].title is required when there is more than one section');
		for (const row of rows) {
			limit('rows[].id', row.id, 200, true);
			limit('rows[].title', row.title, 24, true);
			limit('rows[].description', row.description, 72);
		}
	}
	if (kind === 'cta_url') {
		const parameters = (action.parameters ?? {}) as Json;
		if (action.name !== 'cta_url') throw invalidParameter('interactive.action.name must be cta_url');
		limit('interactive.action.parameters.display_text', parameters.display_text, 20, true);
		if (!/^https?:\/\//.test(String(parameters.url ?? ''))) throw invalidParameter('interactive.action.parameters.url must be an http(s) URL');
	}
	if (kind === 'flow') limit('interactive.action.parameters.flow_cta', (action.parameters as Json)?.flow_cta, 30, true);
	if (kind === 'location_request_message' && action.name !== 'send_location') throw invalidParameter('interactive.action.name must be send_location');
	if (kind === 'request_contact_info' && action.name !== 'request_contact_info') throw invalidParameter('interactive.action.name must be request_contact_info');
}

/** Variables of a template text: positional {{1}} or named {{first_name}}. */
function variables(text: unknown): string[] {
	return [...new Set([...String(text ?? '').matchAll(/\{\{\s*([a-z0-9_]+)\s*\}\}/g)].map((match) => match[1]))];
}

function checkTemplate(context: RouteContext, phone: GraphObject, template: Json, recipient: { kind: string }): void {
	const name = String(template.name ?? '');
	const code = String((template.language as Json)?.code ?? '');
	const stored = context.state.list('template', (candidate) => candidate.wabaId === phone.wabaId && candidate.name === name && candidate.language === code)[0];
	if (!stored || stored.status === 'REJECTED' || stored.status === 'PENDING' || stored.status === 'DELETED') {
		throw new GraphError(404, 132001, '(#132001) Template name does not exist in the translation', { details: `template name (${name}) does not exist in ${code}` });
	}
	if (stored.status === 'PAUSED') throw new GraphError(400, 132015, '(#132015) Template is Paused', { details: `Template ${name} is paused` });
	if (stored.status === 'DISABLED') throw new GraphError(400, 132016, '(#132016) Template is disabled', { details: `Template ${name} is disabled` });
	// One-tap, zero-tap and copy-code authentication templates go to phone numbers only.
	if (recipient.kind === 'bsuid' && stored.category === 'AUTHENTICATION') {
		throw new GraphError(400, 131062, '(#131062) Business-scoped User ID recipients are not supported for this message', { details: `Authentication template ${name} can only be sent to a phone number` });
	}
	const given = ((template.components ?? []) as Json[]).map((component): Json => ({ ...component, type: String(component.type).toLowerCase() }));
	const unknownType = given.find((component) => !TEMPLATE_COMPONENT_TYPES.includes(String(component.type)));
	if (unknownType) throw invalidParameter(`template.components[].type "${String(unknownType.type)}" is not one of ${TEMPLATE_COMPONENT_TYPES.join(', ')}`);
	const components = (stored.components ?? []) as Json[];
	const mismatch = (details: string) => new GraphError(400, 132000, '(#132000) Number of parameters does not match the expected number of params', { details });
	const formatMismatch = (details: string) => new GraphError(400, 132012, '(#132012) Parameter format does not match format in the created template', { details });
	const named = stored.parameter_format === 'NAMED';

	const header = components.find((component) => component.type === 'HEADER');
	const headerGiven = given.find((component) => component.type === 'header');
	const headerParams = (headerGiven?.parameters ?? []) as Json[];
	if (header && header.format && header.format !== 'TEXT') {
		const format = String(header.format).toLowerCase();
		if (headerParams.length !== 1) throw mismatch(`header: expected 1 ${format} parameter, got ${headerParams.length}`);
		if (headerParams[0].type !== format) throw formatMismatch(`header: expected ${format}, got ${String(headerParams[0].type)}`);
		if (format !== 'location') checkMediaRef(context, `header ${format}`, format, headerParams[0][format] as Json);
	} else {
		const expected = header ? variables(header.text).length : 0;
		if (headerParams.length !== expected) throw mismatch(`header: expected ${expected} parameters, got ${headerParams.length}`);
	}

	const body = components.find((component) => component.type === 'BODY');
	const bodyParams = (given.find((component) => component.type === 'body')?.parameters ?? []) as Json[];
	const bodyVariables = stored.category === 'AUTHENTICATION' ? ['1'] : variables(body?.text);
	if (bodyParams.length !== bodyVariables.length) throw mismatch(`body: expected ${bodyVariables.length} parameters, got ${bodyParams.length}`);
	if (named) {
		const names = bodyParams.map((param) => String(param.parameter_name ?? ''));
		const missing = bodyVariables.filter((variable) => !names.includes(variable));
		if (missing.length) throw mismatch(`body: missing named parameters ${missing.join(', ')}`);
	}
	for (const param of bodyParams) {
		if (!['text', 'currency', 'date_time'].includes(String(param.type))) throw formatMismatch(`body parameters are text, currency or date_time, not ${String(param.type)}`);
		if (param.type === 'text') {
			const text = String(param.text ?? '');
			if (/[\n\t]/.test(text) || / {5,}/.test(text)) throw new GraphError(400, 132007, '(#132007) Message template format character policy violated', { details: 'Param text cannot have new-line/tab characters or more than 4 consecutive spaces' });
		}
	}

	const buttons = ((components.find((component) => component.type === 'BUTTONS')?.buttons ?? []) as Json[]);
	for (const component of given.filter((entry) => entry.type === 'button')) {
		const index = Number(component.index);
		const button = buttons[index];
		if (!button) throw invalidParameter(`button at index ${String(component.index)} does not exist in template ${name}`);
		// Meta's examples write sub_type in either case ("CATALOG", "copy_code").
		const subType = String(component.sub_type).toLowerCase();
		const expected = String(button.type) === 'OTP' ? 'url' : String(button.type).toLowerCase();
		if (subType !== expected && !(String(button.type) === 'OTP' && subType === 'copy_code')) {
			throw formatMismatch(`button ${index} is ${String(button.type)}, not ${subType}`);
		}
	}
	for (const [index, button] of buttons.entries()) {
		const needs = button.type === 'URL' && variables(button.url).length > 0;
		if (needs && !given.some((entry) => entry.type === 'button' && Number(entry.index) === index)) throw mismatch(`button ${index} (URL with a variable) needs a parameter`);
	}
}

function checkMarkAsRead(body: Json): void {
	if (body.messaging_product !== 'whatsapp') throw invalidParameter('messaging_product must be whatsapp');
	if (!/^wamid\./.test(String(body.message_id ?? ''))) throw invalidParameter(`message_id "${String(body.message_id ?? '')}" is not a WhatsApp message ID`);
	const typing = body.typing_indicator as Json | undefined;
	if (typing !== undefined && typing?.type !== 'text') throw invalidParameter('typing_indicator.type must be text');
	const known = new Set(['messaging_product', 'status', 'message_id', 'typing_indicator']);
	const unknown = Object.keys(body).filter((key) => !known.has(key));
	if (unknown.length) throw invalidParameter(`Unexpected keys for a status update: ${unknown.join(', ')}`);
}

export const newMessageId = () => `wamid.${randomBytes(24).toString('base64url')}`;

export const messagesRoutes: Route[] = [
	{
		method: 'POST',
		target: 'phoneNumber',
		edge: 'messages',
		// The spec check runs in the handler: status updates and two interactive types are not in the spec's Message schema.
		isMessageSend: true,
		handler: async (context) => {
			const { req, emulator, state, object } = context;
			const phone = object!;
			if (!req.bodyIsJson) throw invalidParameter('The request body must be JSON');
			const body = req.body as Json;
			if (!phone.registered) throw new GraphError(400, 133010, '(#133010) Account not registered', { details: 'The phone number is not registered with the Cloud API' });
			if (body.status !== undefined) {
				if (body.status !== 'read') throw invalidParameter('status must be read');
				checkMarkAsRead(body);
				return { success: true };
			}
			const interactiveType = String((body.interactive as Json | undefined)?.type ?? '');
			if (emulator.options.validateAgainstSpec !== false && !(body.type === 'interactive' && INTERACTIVE_TYPES_MISSING_FROM_SPEC.includes(interactiveType))) {
				// Meta's v23.0 spec predates BSUIDs: it knows `to` only, so a `recipient` is checked by recipientOf below.
				const { recipient: _bsuid, ...specBody } = body;
				if (specBody.to === undefined && _bsuid !== undefined) specBody.to = '10000000';
				const violation = await emulator.spec.check('sendMessage', { method: 'POST', path: `/v23.0${req.path}`, body: specBody, query: req.query });
				const errors = (violation?.errors ?? []).filter((error) => !SPEC_DEFECTS.some((defect) => defect.test(error)));
				if (errors.length) throw new GraphError(400, 100, '(#100) Invalid parameter', { details: `Request does not match sendMessage: ${errors.join('; ')}` });
			} else if (body.messaging_product !== 'whatsapp' || !body.recipient_type || !body.type) {
				throw invalidParameter('messaging_product, recipient_type and type are required');
			}
			const recipient = body.recipient_type === 'group' ? groupRecipientOf(context, body) : recipientOf(body);
			checkLimits(context, body);
			if (body.type === 'template') checkTemplate(context, phone, body.template as Json, recipient);
			const to = recipient.id;
			if (body.type !== 'template' && state.closedWindows.has(to)) {
				throw new GraphError(400, 131047, '(#131047) Re-engagement message', { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' });
			}
			emulator.limiter.chargeMessage(phone.id, to);
			const id = newMessageId();
			state.acceptedMessages.push({ id, phoneNumberId: phone.id, to, body, at: Date.now() });
			return {
				messaging_product: 'whatsapp',
				contacts: [recipient.kind === 'phone' ? { input: String(body.to), wa_id: to } : { input: to, user_id: to }],
				messages: [body.type === 'template' ? { id, message_status: 'accepted' } : { id }],
			};
		},
	},
];
