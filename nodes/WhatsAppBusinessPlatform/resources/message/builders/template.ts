import type { IDataObject } from 'n8n-workflow';

import { fail, LIMITS, requireText } from '../../../shared/messageValidation';
import { mediaObject, type BuiltContent, type MediaSource, type PendingUpload } from './common';

export interface TemplateParameterInput {
	type: 'text' | 'currency' | 'date_time' | 'image' | 'video' | 'document' | 'location';
	parameterName?: string;
	text?: unknown;
	currencyCode?: unknown;
	amount?: unknown;
	fallbackValue?: unknown;
	media?: MediaSource;
	latitude?: unknown;
	longitude?: unknown;
	locationName?: unknown;
	locationAddress?: unknown;
}

export interface TemplateButtonInput {
	index: unknown;
	subType: 'quick_reply' | 'url' | 'copy_code' | 'flow';
	value: unknown;
}

export interface TemplateInput {
	name: string;
	language: string;
	mode: 'fields' | 'json';
	componentsJson?: unknown;
	header?: TemplateParameterInput | undefined;
	body?: TemplateParameterInput[];
	buttons?: TemplateButtonInput[];
}

const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;
const LANGUAGE = /^[a-z]{2,3}(_[A-Za-z]{2,4})?$/;

/** Meta rejects body parameters with new lines, tabs or more than four spaces in a row (132007). */
function checkParameterText(field: string, value: unknown, max: number, inBody: boolean): string {
	const text = requireText(field, value, max);
	if (inBody && (/[\n\t]/.test(text) || / {5,}/.test(text))) fail(field, 'may not contain new lines, tabs or more than four spaces in a row');
	return text;
}

function parameter(where: string, input: TemplateParameterInput, uploads: PendingUpload[], inBody: boolean): IDataObject {
	const built: IDataObject = { type: input.type };
	const name = String(input.parameterName ?? '').trim();
	if (name) {
		if (!/^[a-z0-9_]+$/.test(name)) fail(`${where} Parameter Name`, `"${name}" must use lower-case letters, digits and underscores`);
		built.parameter_name = name;
	}
	switch (input.type) {
		case 'text':
			built.text = checkParameterText(`${where} Text`, input.text, inBody ? LIMITS.templateParameterText : LIMITS.templateHeaderText, inBody);
			break;
		case 'currency': {
			const code = String(input.currencyCode ?? '').trim().toUpperCase();
			if (!/^[A-Z]{3}$/.test(code)) fail(`${where} Currency Code`, `"${code}" is not an ISO 4217 code such as USD`);
			const amount = Number(input.amount);
			if (input.amount === '' || !Number.isFinite(amount)) fail(`${where} Amount`, 'must be a number');
			built.currency = { fallback_value: requireText(`${where} Fallback Value`, input.fallbackValue, 1024), code, amount_1000: Math.round(amount * 1000) };
			break;
		}
		case 'date_time':
			built.date_time = { fallback_value: requireText(`${where} Fallback Value`, input.fallbackValue, 1024) };
			break;
		case 'image':
		case 'video':
		case 'document':
			if (inBody) fail(`${where} Type`, `${input.type} parameters belong in the header`);
			built[input.type] = mediaObject(`${where} ${input.type}`, input.type, input.media ?? { source: 'id' }, uploads);
			break;
		case 'location': {
			if (inBody) fail(`${where} Type`, 'location parameters belong in the header');
			const latitude = Number(input.latitude);
			const longitude = Number(input.longitude);
			if (!Number.isFinite(latitude) || Math.abs(latitude) > 90) fail(`${where} Latitude`, 'must be a number between -90 and 90');
			if (!Number.isFinite(longitude) || Math.abs(longitude) > 180) fail(`${where} Longitude`, 'must be a number between -180 and 180');
			built.location = {
				latitude: String(latitude),
				longitude: String(longitude),
				...(input.locationName ? { name: String(input.locationName) } : {}),
				...(input.locationAddress ? { address: String(input.locationAddress) } : {}),
			};
			break;
		}
		default:
			fail(`${where} Type`, `unknown parameter type "${String(input.type)}"`);
	}
	return built;
}

function parseComponents(value: unknown): IDataObject[] {
	let parsed = value;
	if (typeof value === 'string') {
		if (!value.trim()) return [];
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			fail('Components (JSON)', `is not valid JSON: ${(error as Error).message}`);
		}
	}
	if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && Array.isArray((parsed as IDataObject).components)) {
		parsed = (parsed as IDataObject).components;
	}
	if (!Array.isArray(parsed)) fail('Components (JSON)', 'must be an array of components, e.g. [{"type":"body","parameters":[…]}]');
	(parsed as IDataObject[]).forEach((component, index) => {
		const type = String(component?.type ?? '').toLowerCase();
		if (!['header', 'body', 'button', 'carousel', 'limited_time_offer', 'order_status'].includes(type)) {
			fail(`Components (JSON) ${index + 1}`, `has an unknown type "${type}"`);
		}
		if (type === 'button' && (component.index === undefined || !component.sub_type)) fail(`Components (JSON) ${index + 1}`, 'a button needs sub_type and index');
		if (type === 'button') component.index = String(component.index);
	});
	return parsed as IDataObject[];
}

/** A template message: name and language, with parameters from the node's fields or raw JSON components. */
export function buildTemplate(input: TemplateInput): BuiltContent {
	if (!TEMPLATE_NAME.test(input.name)) fail('Template', `"${input.name}" is not a template name (lower-case letters, digits, underscores)`);
	if (!LANGUAGE.test(input.language)) fail('Template', `"${input.language}" is not a language code such as en_US`);
	const uploads: PendingUpload[] = [];
	let components: IDataObject[];
	if (input.mode === 'json') {
		components = parseComponents(input.componentsJson);
	} else {
		components = [];
		if (input.header) components.push({ type: 'header', parameters: [parameter('Header', input.header, uploads, false)] });
		const body = input.body ?? [];
		const named = body.filter((entry) => String(entry.parameterName ?? '').trim()).length;
		if (named && named !== body.length) fail('Body Parameters', 'give every parameter a name (named template) or none (positional template); they cannot mix');
		if (body.length) components.push({ type: 'body', parameters: body.map((entry, index) => parameter(`Body Parameter ${index + 1}`, entry, uploads, true)) });
		const seen = new Set<number>();
		for (const button of input.buttons ?? []) {
			const index = Number(button.index);
			if (!Number.isInteger(index) || index < LIMITS.templateButtonIndex.min || index > LIMITS.templateButtonIndex.max) {
				fail('Button Index', `${String(button.index)} must be a whole number from 0 to 9 (the button's position in the template)`);
			}
			if (seen.has(index)) fail('Button Index', `${index} is given twice`);
			seen.add(index);
			const value = requireText(`Button ${index} Value`, button.value, button.subType === 'url' ? 2000 : 256);
			let param: IDataObject;
			if (button.subType === 'quick_reply') param = { type: 'payload', payload: value };
			else if (button.subType === 'copy_code') param = { type: 'coupon_code', coupon_code: requireText(`Button ${index} Value`, value, 15) };
			else if (button.subType === 'flow') param = { type: 'action', action: { flow_token: value } };
			else param = { type: 'text', text: value };
			components.push({ type: 'button', sub_type: button.subType, index: String(index), parameters: [param] });
		}
	}
	const content: IDataObject = { name: input.name, language: { policy: 'deterministic', code: input.language } };
	if (components.length) content.components = components;
	return { type: 'template', content, uploads };
}
