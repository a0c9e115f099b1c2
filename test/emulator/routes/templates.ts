import { project } from '../fields';
import { GraphError, invalidParameter } from '../graphError';
import type { GraphObject } from '../state';
import { pagedList } from './core';
import type { Route } from './types';

/**
 * Message templates: list with Meta's filters, create with the API's validation, get, edit, and
 * delete by name (all languages) or by hsm_id + name. An independent re-statement of Meta's
 * documented limits, so the node's own checks are tested against something else.
 */
const CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'];
const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'OTP', 'COPY_CODE', 'FLOW', 'CATALOG', 'MPM', 'VOICE_CALL', 'SPM', 'REQUEST_CONTACT_INFO'];
const HEADER_FORMATS = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION', 'GIF', 'PRODUCT'];

type Json = Record<string, unknown>;

const variablesIn = (text: unknown) => (typeof text === 'string' ? [...text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((match) => match[1]) : []);

/** Throws code 100 with details like the Graph API for a component list it would refuse. */
export function validateComponents(components: unknown, category: string | undefined): void {
	if (!Array.isArray(components)) throw invalidParameter('components must be an array');
	const byType = (type: string) => (components as Json[]).filter((component) => String(component?.type ?? '').toUpperCase() === type);
	for (const component of components as Json[]) {
		if (!['HEADER', 'BODY', 'FOOTER', 'BUTTONS'].includes(String(component?.type ?? '').toUpperCase())) {
			throw invalidParameter(`Invalid component type: ${String(component?.type)}`);
		}
	}
	const [header] = byType('HEADER');
	const bodies = byType('BODY');
	const [footer] = byType('FOOTER');
	const [buttons] = byType('BUTTONS');
	if (byType('HEADER').length > 1 || byType('FOOTER').length > 1 || byType('BUTTONS').length > 1) throw invalidParameter('Each component type may appear only once');
	if (bodies.length !== 1) throw invalidParameter('A template must have exactly one BODY component', 2388043);
	const body = bodies[0];
	const texts = [header?.text, body.text];
	const all = texts.flatMap(variablesIn);
	const numeric = all.filter((name) => /^\d+$/.test(name));
	if (numeric.length && numeric.length !== all.length) throw invalidParameter('Named and positional parameters cannot be mixed', 2388299);
	const named = numeric.length === 0 && all.length > 0;

	if (header) {
		const format = String(header.format ?? '').toUpperCase();
		if (!HEADER_FORMATS.includes(format)) throw invalidParameter(`Invalid header format: ${String(header.format)}`);
		const example = (header.example ?? {}) as Json;
		if (format === 'TEXT') {
			if (typeof header.text !== 'string' || !header.text) throw invalidParameter('Header text is required for a TEXT header');
			if ([...header.text].length > 60) throw invalidParameter('Header text is too long: the limit is 60 characters', 2388040);
			const vars = variablesIn(header.text);
			if (vars.length > 1) throw invalidParameter('Header text may contain only one parameter', 2388042);
			if (vars.length === 1 && !(named ? Array.isArray(example.header_text_named_params) && example.header_text_named_params.length : Array.isArray(example.header_text) && example.header_text.length)) {
				throw invalidParameter('Header text parameter needs an example', 2388043);
			}
		} else if (['IMAGE', 'VIDEO', 'DOCUMENT', 'GIF'].includes(format)) {
			if (!Array.isArray(example.header_handle) || !example.header_handle.length) throw invalidParameter(`A ${format} header needs example.header_handle`, 2388043);
		}
	}
	const isAuthentication = category === 'AUTHENTICATION';
	if (!(isAuthentication || (body.text === undefined && 'add_security_recommendation' in body))) {
		if (typeof body.text !== 'string' || !body.text) throw invalidParameter('Body text is required');
		if ([...body.text].length > 1024) throw invalidParameter('Body text is too long: the limit is 1024 characters', 2388040);
		const vars = [...new Set(variablesIn(body.text))];
		if (vars.length) {
			const example = (body.example ?? {}) as Json;
			if (named) {
				const params = (example.body_text_named_params ?? []) as Json[];
				const missing = vars.find((name) => !params.some((param) => param.param_name === name));
				if (missing) throw invalidParameter(`Missing example for parameter {{${missing}}}`, 2388043);
			} else {
				const rows = example.body_text as unknown[][];
				if (!Array.isArray(rows) || !Array.isArray(rows[0]) || rows[0].length !== vars.length) {
					throw invalidParameter(`Body has ${vars.length} parameters but the example gives ${Array.isArray(rows?.[0]) ? rows[0].length : 0}`, 2388043);
				}
			}
		}
	}
	if (footer) {
		if (footer.text !== undefined) {
			if ([...String(footer.text)].length > 60) throw invalidParameter('Footer text is too long: the limit is 60 characters', 2388040);
			if (variablesIn(footer.text).length) throw invalidParameter('Footer text cannot contain parameters');
		} else if (footer.code_expiration_minutes === undefined) throw invalidParameter('Footer text is required');
	}
	if (buttons) {
		const list = (buttons.buttons ?? []) as Json[];
		if (!Array.isArray(list) || list.length === 0) throw invalidParameter('BUTTONS needs at least one button');
		if (list.length > 10) throw invalidParameter('A template can have at most 10 buttons', 2388158);
		const count = (type: string) => list.filter((button) => button.type === type).length;
		if (count('PHONE_NUMBER') > 1) throw invalidParameter('A template can have at most 1 PHONE_NUMBER button', 2388158);
		if (count('COPY_CODE') > 1) throw invalidParameter('A template can have at most 1 COPY_CODE button', 2388158);
		for (const button of list) {
			if (!BUTTON_TYPES.includes(String(button.type))) throw invalidParameter(`Invalid button type: ${String(button.type)}`);
			if (typeof button.text === 'string' && [...button.text].length > 25) throw invalidParameter('Button text is too long: the limit is 25 characters', 2388040);
			if (button.type === 'URL' && typeof button.url !== 'string') throw invalidParameter('A URL button needs url');
			if (button.type === 'PHONE_NUMBER' && typeof button.phone_number !== 'string') throw invalidParameter('A PHONE_NUMBER button needs phone_number');
			if (button.type === 'REQUEST_CONTACT_INFO' && category !== 'UTILITY' && category !== 'MARKETING') throw invalidParameter('REQUEST_CONTACT_INFO buttons are for utility and marketing templates');
		}
	}
}

const templatesOf = (state: { list: (type: 'template', predicate: (object: GraphObject) => boolean) => GraphObject[] }, wabaId: string) =>
	state.list('template', (template) => template.wabaId === wabaId);

const textOf = (template: GraphObject) =>
	((template.components ?? []) as Json[]).map((component) => String(component.text ?? '')).join(' ').toLowerCase();

export const templatesRoutes: Route[] = [
	{
		method: 'GET',
		target: 'waba',
		edge: 'message_templates',
		operationId: 'getTemplateByNameDefaultFields',
		handler: (context) => {
			const query = context.req.query;
			const has = (value: string | undefined) => value !== undefined && value !== '';
			const templates = templatesOf(context.state, context.object!.id).filter(
				(template) =>
					(!has(query.name) || String(template.name).includes(query.name.toLowerCase())) &&
					(!has(query.status) || query.status.split(',').includes(String(template.status))) &&
					(!has(query.category) || query.category.split(',').includes(String(template.category))) &&
					(!has(query.language) || query.language.split(',').includes(String(template.language))) &&
					(!has(query.content) || textOf(template).includes(query.content.toLowerCase())) &&
					(!has(query.name_or_content) || String(template.name).includes(query.name_or_content.toLowerCase()) || textOf(template).includes(query.name_or_content.toLowerCase())) &&
					(!has(query.quality_score) || (template.quality_score as Json | undefined)?.score === query.quality_score),
			);
			return pagedList(context, templates);
		},
	},
	{
		method: 'POST',
		target: 'waba',
		edge: 'message_templates',
		// Meta's spec names this operation after one example, but its schema accepts every template kind.
		operationId: 'createAuthenticationTemplateWOtpCopyCodeButton',
		handler: ({ object, req, state }) => {
			const { name, category, language, components, parameter_format: parameterFormat } = req.params as Json;
			if (typeof name !== 'string' || !name) throw invalidParameter('The parameter name is required');
			if (!/^[a-z0-9_]{1,512}$/.test(name)) throw invalidParameter('Template name can only contain lowercase alphanumeric characters and underscores ( _ )', 2388024);
			if (typeof category !== 'string' || !CATEGORIES.includes(category)) throw invalidParameter(`Invalid category: ${String(category)}. Must be one of ${CATEGORIES.join(', ')}`);
			if (typeof language !== 'string' || !/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/.test(language)) throw invalidParameter(`Invalid language: ${String(language)}`);
			if (parameterFormat !== undefined && !['POSITIONAL', 'NAMED'].includes(String(parameterFormat))) throw invalidParameter('parameter_format must be POSITIONAL or NAMED');
			validateComponents(components, category);
			const existing = templatesOf(state, object!.id);
			if (existing.some((template) => template.name === name && template.language === language)) {
				throw new GraphError(400, 100, '(#100) Invalid parameter', { subcode: 2388024, details: `Content in this language already exists for template "${name}"`, userTitle: 'Message template already exists' });
			}
			if (((object!.deletedTemplateNames as string[] | undefined) ?? []).includes(name)) {
				throw new GraphError(400, 100, '(#100) Invalid parameter', { subcode: 2388023, details: `The name "${name}" was deleted recently and cannot be used for 30 days` });
			}
			const template = state.add({
				id: state.newId(),
				type: 'template',
				wabaId: object!.id,
				name,
				language,
				category,
				status: category === 'AUTHENTICATION' ? 'APPROVED' : 'PENDING',
				parameter_format: parameterFormat ?? 'POSITIONAL',
				components,
				...(req.params.message_send_ttl_seconds !== undefined ? { message_send_ttl_seconds: Number(req.params.message_send_ttl_seconds) } : {}),
			});
			return { id: template.id, status: template.status, category };
		},
	},
	{
		method: 'GET',
		target: 'template',
		operationId: 'getTemplateByIdDefaultFields',
		handler: ({ object, req }) => project(object!, req.query.fields),
	},
	{
		method: 'POST',
		target: 'template',
		operationId: 'editTemplate',
		handler: ({ object, req }) => {
			const { name, language, category, components, message_send_ttl_seconds: ttl } = req.params as Json;
			if (name !== undefined || language !== undefined) throw invalidParameter('The name and language of a template cannot be changed');
			if (category === undefined && components === undefined && ttl === undefined) throw invalidParameter('Give components, category or message_send_ttl_seconds');
			if (category !== undefined && !CATEGORIES.includes(String(category))) throw invalidParameter(`Invalid category: ${String(category)}`);
			if (category !== undefined && object!.status === 'APPROVED') throw invalidParameter('The category of an approved template cannot be changed');
			if (components !== undefined) validateComponents(components, String(category ?? object!.category));
			const now = Date.now();
			if (object!.status === 'APPROVED' && typeof object!.lastEditAt === 'number' && now - object!.lastEditAt < 24 * 3600 * 1000) {
				throw new GraphError(400, 100, '(#100) Invalid parameter', { subcode: 2388108, details: 'An approved template can be edited once every 24 hours' });
			}
			if (components !== undefined) object!.components = components;
			if (category !== undefined) object!.category = category;
			if (ttl !== undefined) object!.message_send_ttl_seconds = Number(ttl);
			object!.lastEditAt = now;
			return { success: true };
		},
	},
	{
		method: 'DELETE',
		target: 'waba',
		edge: 'message_templates',
		operationId: 'deleteTemplateByName',
		handler: ({ object, req, state }) => {
			const { name, hsm_id: hsmId } = req.params as Record<string, unknown>;
			if (typeof name !== 'string' || !name) throw invalidParameter('The parameter name is required');
			const matching = templatesOf(state, object!.id).filter((template) => template.name === name && (hsmId === undefined || template.id === String(hsmId)));
			if (!matching.length) {
				throw new GraphError(400, 100, '(#100) Invalid parameter', { subcode: 2593002, details: hsmId !== undefined ? `No template with id ${String(hsmId)} and name ${name}` : `Message template "${name}" not found` });
			}
			for (const template of matching) state.objects.delete(template.id);
			if (!templatesOf(state, object!.id).some((template) => template.name === name)) {
				object!.deletedTemplateNames = [...((object!.deletedTemplateNames as string[] | undefined) ?? []), name];
			}
			return { success: true };
		},
	},
];
