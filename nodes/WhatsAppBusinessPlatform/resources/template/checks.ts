import type { IDataObject } from 'n8n-workflow';

import { checkLanguage, checkMaxLength, checkPattern, checkRequired, checkTemplateName, fail } from '../../shared/validation';

/** Checks of a template definition (Create and Update) against Meta's documented limits. */


export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'];
export const TEMPLATE_LIMITS = {
	headerText: 60,
	bodyText: 1024,
	footerText: 60,
	buttons: 10,
	phoneButtons: 1,
	copyCodeButtons: 1,
	buttonText: 25,
	urlLength: 2000,
	phoneNumberLength: 20,
};
export const TEMPLATE_BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'OTP', 'COPY_CODE', 'FLOW', 'CATALOG', 'MPM', 'VOICE_CALL', 'SPM', 'REQUEST_CONTACT_INFO'];
/** Buttons whose label WhatsApp writes itself. */
const FIXED_LABEL = ['OTP', 'COPY_CODE', 'CATALOG', 'MPM', 'REQUEST_CONTACT_INFO'];

// No lazy quantifier next to \s*: that pair backtracked quadratically on long runs of spaces.
const VARIABLE = /\{\{([^{}]*)\}\}/g;

/** The variables in a template text, in order of appearance: `{{1}}` → "1", `{{name}}` → "name". */
export function templateVariables(text: unknown): string[] {
	if (typeof text !== 'string') return [];
	return [...text.matchAll(VARIABLE)].map((match) => match[1].trim());
}

export type ParameterFormat = 'POSITIONAL' | 'NAMED';

/** Which kind of variables the texts use; throws when they mix kinds. */
export function detectParameterFormat(field: string, texts: unknown[]): ParameterFormat | undefined {
	const variables = texts.flatMap(templateVariables);
	if (variables.length === 0) return undefined;
	const positional = variables.filter((variable) => /^[0-9]+$/.test(variable));
	const named = variables.filter((variable) => !/^[0-9]+$/.test(variable));
	if (positional.length && named.length) {
		fail(field, `do not mix numbered variables ({{1}}) and named variables ({{${named[0]}}}) in one template`);
	}
	for (const name of named) {
		if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
			fail(field, `variable name "{{${name}}}" may only contain lowercase letters, digits and underscores, and must not start with a digit`);
		}
	}
	return positional.length ? 'POSITIONAL' : 'NAMED';
}

/** Numbered variables must run 1, 2, 3, … without gaps. */
function checkSequential(field: string, variables: string[]): void {
	const numbers = [...new Set(variables.map(Number))].sort((a, b) => a - b);
	numbers.forEach((number, index) => {
		if (number !== index + 1) fail(field, `numbered variables must run {{1}}, {{2}}, … without gaps; found {{${number}}}`);
	});
}

type Component = IDataObject & { type?: string };

function componentsOfType(components: Component[], type: string): Component[] {
	return components.filter((component) => String(component.type ?? '').toUpperCase() === type);
}

function checkHeader(header: Component, format: ParameterFormat | undefined): void {
	const headerFormat = String(header.format ?? '').toUpperCase();
	const allowed = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION', 'GIF', 'PRODUCT'];
	if (!allowed.includes(headerFormat)) {
		fail('Header', `format must be one of ${allowed.join(', ')}, got "${String(header.format ?? '')}"`);
	}
	const example = (header.example ?? {}) as IDataObject;
	if (headerFormat === 'TEXT') {
		checkRequired('Header Text', header.text);
		checkMaxLength('Header Text', header.text, TEMPLATE_LIMITS.headerText);
		const variables = templateVariables(header.text);
		if (variables.length > 1) fail('Header Text', 'may contain at most 1 variable');
		if (variables.length === 1) {
			if (format === 'NAMED') {
				const named = (example.header_text_named_params ?? []) as IDataObject[];
				if (!named.some((param) => param.param_name === variables[0] && String(param.example ?? '') !== '')) {
					fail('Header Text', `needs an example value for the variable {{${variables[0]}}}`);
				}
			} else {
				if (variables[0] !== '1') fail('Header Text', 'the header variable must be {{1}}');
				const examples = (example.header_text ?? []) as unknown[];
				if (!Array.isArray(examples) || examples.length < 1 || String(examples[0] ?? '') === '') {
					fail('Header Text', 'needs an example value for the variable {{1}}');
				}
			}
		}
	} else if (['IMAGE', 'VIDEO', 'DOCUMENT', 'GIF'].includes(headerFormat)) {
		const handles = example.header_handle as unknown[];
		if (!Array.isArray(handles) || handles.length === 0 || !handles[0]) {
			fail('Header Media Handle', `a ${headerFormat.toLowerCase()} header needs an example file handle (upload a sample with the Resumable Upload API)`);
		}
	}
}

function checkBody(body: Component, format: ParameterFormat | undefined, category: string | undefined): void {
	// Meta writes the text of authentication templates itself.
	if (category === 'AUTHENTICATION' || (body.text === undefined && 'add_security_recommendation' in body)) return;
	checkRequired('Body Text', body.text);
	checkMaxLength('Body Text', body.text, TEMPLATE_LIMITS.bodyText);
	const variables = templateVariables(body.text);
	if (!variables.length) return;
	const example = (body.example ?? {}) as IDataObject;
	if (format === 'NAMED') {
		const named = (example.body_text_named_params ?? []) as IDataObject[];
		for (const variable of new Set(variables)) {
			if (!named.some((param) => param.param_name === variable && String(param.example ?? '') !== '')) {
				fail('Body Text', `needs an example value for the variable {{${variable}}}`);
			}
		}
	} else {
		checkSequential('Body Text', variables);
		const rows = (example.body_text ?? []) as unknown[][];
		const count = new Set(variables).size;
		const first = Array.isArray(rows) && Array.isArray(rows[0]) ? rows[0] : [];
		if (first.length !== count || first.some((value) => String(value ?? '') === '')) {
			fail('Body Text', `has ${count} variable${count === 1 ? '' : 's'} and needs exactly ${count} example value${count === 1 ? '' : 's'}, got ${first.length}`);
		}
	}
}

function checkButtons(buttonsComponent: Component, category: string | undefined): void {
	const buttons = (buttonsComponent.buttons ?? []) as IDataObject[];
	if (!Array.isArray(buttons) || buttons.length === 0) fail('Buttons', 'add at least one button, or remove the buttons component');
	if (buttons.length > TEMPLATE_LIMITS.buttons) fail('Buttons', `at most ${TEMPLATE_LIMITS.buttons} buttons allowed, got ${buttons.length}`);
	const count = (type: string) => buttons.filter((button) => String(button.type ?? '').toUpperCase() === type).length;
	if (count('PHONE_NUMBER') > TEMPLATE_LIMITS.phoneButtons) fail('Buttons', `at most ${TEMPLATE_LIMITS.phoneButtons} phone number button allowed, got ${count('PHONE_NUMBER')}`);
	if (count('COPY_CODE') > TEMPLATE_LIMITS.copyCodeButtons) fail('Buttons', `at most ${TEMPLATE_LIMITS.copyCodeButtons} copy code button allowed, got ${count('COPY_CODE')}`);
	if (count('URL') > 2) fail('Buttons', `at most 2 URL buttons allowed, got ${count('URL')}`);
	buttons.forEach((button, index) => {
		const label = `Button ${index + 1}`;
		const type = String(button.type ?? '').toUpperCase();
		if (!TEMPLATE_BUTTON_TYPES.includes(type)) fail(label, `type must be one of ${TEMPLATE_BUTTON_TYPES.join(', ')}, got "${String(button.type ?? '')}"`);
		if (!FIXED_LABEL.includes(type)) checkRequired(`${label} Text`, button.text);
		// Meta's "Business-scoped user IDs": the button asks for the customer's phone number, in utility and marketing templates.
		if (type === 'REQUEST_CONTACT_INFO' && category === 'AUTHENTICATION') fail(label, 'a Request Contact Info button belongs in utility and marketing templates, not authentication templates');
		checkMaxLength(`${label} Text`, button.text, TEMPLATE_LIMITS.buttonText);
		if (type === 'URL') {
			checkRequired(`${label} URL`, button.url);
			checkMaxLength(`${label} URL`, button.url, TEMPLATE_LIMITS.urlLength);
			checkPattern(`${label} URL`, String(button.url), /^https?:\/\//i, 'must start with http:// or https://');
			const variables = templateVariables(button.url);
			if (variables.length > 1) fail(`${label} URL`, 'may contain at most 1 variable, at the end');
			if (variables.length === 1) {
				if (!/\{\{\s*1\s*\}\}$/.test(String(button.url))) fail(`${label} URL`, 'the variable must be {{1}} at the end of the URL');
				const examples = button.example as unknown[];
				if (!Array.isArray(examples) || !examples[0]) fail(`${label} URL`, 'needs an example of the full URL for its variable');
			}
		}
		if (type === 'PHONE_NUMBER') {
			checkRequired(`${label} Phone Number`, button.phone_number);
			checkMaxLength(`${label} Phone Number`, button.phone_number, TEMPLATE_LIMITS.phoneNumberLength);
		}
		if (type === 'COPY_CODE') checkRequired(`${label} Example Code`, button.example);
		if (type === 'OTP') {
			const otpType = String(button.otp_type ?? '').toUpperCase();
			if (!['COPY_CODE', 'ONE_TAP', 'ZERO_TAP'].includes(otpType)) fail(`${label} OTP Type`, 'must be COPY_CODE, ONE_TAP or ZERO_TAP');
		}
		if (type === 'FLOW' && !button.flow_id && !button.flow_name && !button.flow_json) {
			fail(`${label} Flow ID`, 'a flow button needs the ID of a published flow');
		}
	});
}

export interface TemplateDefinition {
	name?: string;
	category?: string;
	language?: string;
	components: unknown;
	parameterFormat?: string;
}

/**
 * Checks a template against Meta's documented limits; returns the parameter format the texts use.
 * Used for create (name, category, language given) and update (components only).
 */
export function checkTemplate(definition: TemplateDefinition): ParameterFormat | undefined {
	if (definition.name !== undefined) {
		checkTemplateName('Name', definition.name);
	}
	if (definition.category !== undefined && !TEMPLATE_CATEGORIES.includes(definition.category)) {
		fail('Category', `must be one of ${TEMPLATE_CATEGORIES.join(', ')}`);
	}
	if (definition.language !== undefined) {
		checkLanguage('Language', definition.language);
	}
	const components = definition.components as Component[];
	if (!Array.isArray(components)) fail('Components', 'must be a list of components');
	for (const component of components) {
		if (!component || typeof component !== 'object') fail('Components', 'each component must be an object');
		const type = String(component.type ?? '').toUpperCase();
		if (!['HEADER', 'BODY', 'FOOTER', 'BUTTONS'].includes(type)) {
			fail('Components', `type must be HEADER, BODY, FOOTER or BUTTONS, got "${String(component.type ?? '')}"`);
		}
	}
	const headers = componentsOfType(components, 'HEADER');
	const bodies = componentsOfType(components, 'BODY');
	const footers = componentsOfType(components, 'FOOTER');
	const buttonGroups = componentsOfType(components, 'BUTTONS');
	if (headers.length > 1) fail('Header', 'a template has at most 1 header');
	if (bodies.length !== 1) fail('Body', `a template needs exactly 1 body, got ${bodies.length}`);
	if (footers.length > 1) fail('Footer', 'a template has at most 1 footer');
	if (buttonGroups.length > 1) fail('Buttons', 'put all buttons in one BUTTONS component');

	// Lengths first, so the variable scan below only ever reads capped text.
	checkMaxLength('Header Text', headers[0]?.text, TEMPLATE_LIMITS.headerText);
	checkMaxLength('Body Text', bodies[0]?.text, TEMPLATE_LIMITS.bodyText);
	const texts = [headers[0]?.text, bodies[0]?.text];
	const detected = detectParameterFormat('Body Text', texts);
	const declared = definition.parameterFormat ? (String(definition.parameterFormat).toUpperCase() as ParameterFormat) : undefined;
	if (declared && detected && declared !== detected) {
		fail('Parameter Format', `is ${declared} but the texts use ${detected.toLowerCase()} variables`);
	}
	const format = detected ?? declared;
	if (headers[0]) checkHeader(headers[0], format);
	checkBody(bodies[0], format, definition.category);
	if (footers[0]) {
		if (definition.category !== 'AUTHENTICATION' && footers[0].code_expiration_minutes === undefined) checkRequired('Footer Text', footers[0].text);
		checkMaxLength('Footer Text', footers[0].text, TEMPLATE_LIMITS.footerText);
		if (templateVariables(footers[0].text).length) fail('Footer Text', 'may not contain variables');
	}
	if (buttonGroups[0]) checkButtons(buttonGroups[0], definition.category);
	return format;
}
