import { NodeOperationError, type IDataObject, type IExecuteSingleFunctions } from 'n8n-workflow';

/**
 * Input checks that run before any request. Each check throws a LimitError naming the field
 * and the limit; `validated` turns it into a NodeOperationError for the node's UI.
 */
export class LimitError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'LimitError';
	}
}

/** Runs `check`; a LimitError becomes a NodeOperationError that names the field. */
export function validated<T>(context: IExecuteSingleFunctions, check: () => T): T {
	try {
		return check();
	} catch (error) {
		if (error instanceof LimitError) {
			throw new NodeOperationError(context.getNode(), `${error.field}: ${error.message}`, {
				itemIndex: context.getItemIndex(),
				description: 'Nothing was sent to Meta. Correct the value and run again.',
			});
		}
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex: context.getItemIndex() });
	}
}

export function checkMaxLength(field: string, value: unknown, max: number): void {
	if (typeof value === 'string' && [...value].length > max) {
		throw new LimitError(field, `at most ${max} characters allowed, got ${[...value].length}`);
	}
}

export function checkRequired(field: string, value: unknown): void {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		throw new LimitError(field, 'a value is required');
	}
}

export function checkPattern(field: string, value: string, pattern: RegExp, explanation: string): void {
	if (!pattern.test(value)) throw new LimitError(field, explanation);
}

/** Six digits, as Meta wants for two-step verification PINs and verification codes. */
export function checkSixDigits(field: string, value: unknown): void {
	checkPattern(field, String(value ?? ''), /^[0-9]{6}$/, 'must be exactly 6 digits');
}

/** Graph object IDs are numbers. */
export function checkGraphId(field: string, value: unknown): void {
	checkPattern(field, String(value ?? ''), /^[0-9]{1,25}$/, `must be a numeric ID, got "${String(value ?? '')}"`);
}

/**
 * A date picked in the UI (ISO text, a Date-like value or unix seconds) as unix seconds.
 * Text without a time zone is read as UTC.
 */
export function toUnixSeconds(field: string, value: unknown): number {
	if (typeof value === 'number' && Number.isFinite(value)) return Math.floor(value > 1e12 ? value / 1000 : value);
	const text = String(value ?? '').trim();
	if (!text) throw new LimitError(field, 'a date is required');
	if (/^[0-9]{9,13}$/.test(text)) return toUnixSeconds(field, Number(text));
	const hasZone = /([zZ]|[+-][0-9]{2}:?[0-9]{2})$/.test(text);
	const withZone = !hasZone && /T|\s[0-9]{2}:/.test(text) ? `${text.replace(' ', 'T')}Z` : !hasZone ? `${text}T00:00:00Z` : text;
	const millis = Date.parse(withZone);
	if (Number.isNaN(millis)) throw new LimitError(field, `"${text}" is not a date`);
	return Math.floor(millis / 1000);
}

export function checkDateRange(startField: string, start: number, endField: string, end: number, maxLookbackDays: number, now = Date.now()): void {
	if (end <= start) throw new LimitError(endField, `must be after ${startField}`);
	const earliest = Math.floor(now / 1000) - maxLookbackDays * 86_400;
	if (start < earliest) throw new LimitError(startField, `can be at most ${maxLookbackDays} days in the past`);
}

/** Parses a JSON parameter that may already be an object (n8n's json fields give either). */
export function parseJsonParameter<T = unknown>(field: string, value: unknown): T {
	if (typeof value !== 'string') return value as T;
	let problem: string;
	try {
		return JSON.parse(value) as T;
	} catch (error) {
		problem = (error as Error).message;
	}
	throw new LimitError(field, `is not valid JSON (${problem})`);
}

// ---------------------------------------------------------------------------------------------
// Message templates
// ---------------------------------------------------------------------------------------------

export const TEMPLATE_NAME_PATTERN = /^[a-z0-9_]{1,512}$/;
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
export const TEMPLATE_BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'OTP', 'COPY_CODE', 'FLOW', 'CATALOG', 'MPM', 'VOICE_CALL', 'SPM'];

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The variables in a template text, in order of appearance: `{{1}}` → "1", `{{name}}` → "name". */
export function templateVariables(text: unknown): string[] {
	if (typeof text !== 'string') return [];
	return [...text.matchAll(VARIABLE)].map((match) => match[1]);
}

export type ParameterFormat = 'POSITIONAL' | 'NAMED';

/** Which kind of variables the texts use; throws when they mix kinds. */
export function detectParameterFormat(field: string, texts: unknown[]): ParameterFormat | undefined {
	const variables = texts.flatMap(templateVariables);
	if (variables.length === 0) return undefined;
	const positional = variables.filter((variable) => /^[0-9]+$/.test(variable));
	const named = variables.filter((variable) => !/^[0-9]+$/.test(variable));
	if (positional.length && named.length) {
		throw new LimitError(field, `do not mix numbered variables ({{1}}) and named variables ({{${named[0]}}}) in one template`);
	}
	for (const name of named) {
		if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
			throw new LimitError(field, `variable name "{{${name}}}" may only contain lowercase letters, digits and underscores, and must not start with a digit`);
		}
	}
	return positional.length ? 'POSITIONAL' : 'NAMED';
}

/** Numbered variables must run 1, 2, 3, … without gaps. */
function checkSequential(field: string, variables: string[]): void {
	const numbers = [...new Set(variables.map(Number))].sort((a, b) => a - b);
	numbers.forEach((number, index) => {
		if (number !== index + 1) throw new LimitError(field, `numbered variables must run {{1}}, {{2}}, … without gaps; found {{${number}}}`);
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
		throw new LimitError('Header', `format must be one of ${allowed.join(', ')}, got "${String(header.format ?? '')}"`);
	}
	const example = (header.example ?? {}) as IDataObject;
	if (headerFormat === 'TEXT') {
		checkRequired('Header Text', header.text);
		checkMaxLength('Header Text', header.text, TEMPLATE_LIMITS.headerText);
		const variables = templateVariables(header.text);
		if (variables.length > 1) throw new LimitError('Header Text', 'may contain at most 1 variable');
		if (variables.length === 1) {
			if (format === 'NAMED') {
				const named = (example.header_text_named_params ?? []) as IDataObject[];
				if (!named.some((param) => param.param_name === variables[0] && String(param.example ?? '') !== '')) {
					throw new LimitError('Header Text', `needs an example value for the variable {{${variables[0]}}}`);
				}
			} else {
				if (variables[0] !== '1') throw new LimitError('Header Text', 'the header variable must be {{1}}');
				const examples = (example.header_text ?? []) as unknown[];
				if (!Array.isArray(examples) || examples.length < 1 || String(examples[0] ?? '') === '') {
					throw new LimitError('Header Text', 'needs an example value for the variable {{1}}');
				}
			}
		}
	} else if (['IMAGE', 'VIDEO', 'DOCUMENT', 'GIF'].includes(headerFormat)) {
		const handles = example.header_handle as unknown[];
		if (!Array.isArray(handles) || handles.length === 0 || !handles[0]) {
			throw new LimitError('Header Media Handle', `a ${headerFormat.toLowerCase()} header needs an example file handle (upload a sample with the Resumable Upload API)`);
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
				throw new LimitError('Body Text', `needs an example value for the variable {{${variable}}}`);
			}
		}
	} else {
		checkSequential('Body Text', variables);
		const rows = (example.body_text ?? []) as unknown[][];
		const count = new Set(variables).size;
		const first = Array.isArray(rows) && Array.isArray(rows[0]) ? rows[0] : [];
		if (first.length !== count || first.some((value) => String(value ?? '') === '')) {
			throw new LimitError('Body Text', `has ${count} variable${count === 1 ? '' : 's'} and needs exactly ${count} example value${count === 1 ? '' : 's'}, got ${first.length}`);
		}
	}
}

function checkButtons(buttonsComponent: Component): void {
	const buttons = (buttonsComponent.buttons ?? []) as IDataObject[];
	if (!Array.isArray(buttons) || buttons.length === 0) throw new LimitError('Buttons', 'add at least one button, or remove the buttons component');
	if (buttons.length > TEMPLATE_LIMITS.buttons) throw new LimitError('Buttons', `at most ${TEMPLATE_LIMITS.buttons} buttons allowed, got ${buttons.length}`);
	const count = (type: string) => buttons.filter((button) => String(button.type ?? '').toUpperCase() === type).length;
	if (count('PHONE_NUMBER') > TEMPLATE_LIMITS.phoneButtons) throw new LimitError('Buttons', `at most ${TEMPLATE_LIMITS.phoneButtons} phone number button allowed, got ${count('PHONE_NUMBER')}`);
	if (count('COPY_CODE') > TEMPLATE_LIMITS.copyCodeButtons) throw new LimitError('Buttons', `at most ${TEMPLATE_LIMITS.copyCodeButtons} copy code button allowed, got ${count('COPY_CODE')}`);
	if (count('URL') > 2) throw new LimitError('Buttons', `at most 2 URL buttons allowed, got ${count('URL')}`);
	buttons.forEach((button, index) => {
		const label = `Button ${index + 1}`;
		const type = String(button.type ?? '').toUpperCase();
		if (!TEMPLATE_BUTTON_TYPES.includes(type)) throw new LimitError(label, `type must be one of ${TEMPLATE_BUTTON_TYPES.join(', ')}, got "${String(button.type ?? '')}"`);
		if (type !== 'OTP' && type !== 'COPY_CODE' && type !== 'CATALOG' && type !== 'MPM') checkRequired(`${label} Text`, button.text);
		checkMaxLength(`${label} Text`, button.text, TEMPLATE_LIMITS.buttonText);
		if (type === 'URL') {
			checkRequired(`${label} URL`, button.url);
			checkMaxLength(`${label} URL`, button.url, TEMPLATE_LIMITS.urlLength);
			checkPattern(`${label} URL`, String(button.url), /^https?:\/\//i, 'must start with http:// or https://');
			const variables = templateVariables(button.url);
			if (variables.length > 1) throw new LimitError(`${label} URL`, 'may contain at most 1 variable, at the end');
			if (variables.length === 1) {
				if (!/\{\{\s*1\s*\}\}$/.test(String(button.url))) throw new LimitError(`${label} URL`, 'the variable must be {{1}} at the end of the URL');
				const examples = button.example as unknown[];
				if (!Array.isArray(examples) || !examples[0]) throw new LimitError(`${label} URL`, 'needs an example of the full URL for its variable');
			}
		}
		if (type === 'PHONE_NUMBER') {
			checkRequired(`${label} Phone Number`, button.phone_number);
			checkMaxLength(`${label} Phone Number`, button.phone_number, TEMPLATE_LIMITS.phoneNumberLength);
		}
		if (type === 'COPY_CODE') checkRequired(`${label} Example Code`, button.example);
		if (type === 'OTP') {
			const otpType = String(button.otp_type ?? '').toUpperCase();
			if (!['COPY_CODE', 'ONE_TAP', 'ZERO_TAP'].includes(otpType)) throw new LimitError(`${label} OTP Type`, 'must be COPY_CODE, ONE_TAP or ZERO_TAP');
		}
		if (type === 'FLOW' && !button.flow_id && !button.flow_name && !button.flow_json) {
			throw new LimitError(`${label} Flow ID`, 'a flow button needs the ID of a published flow');
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
		checkPattern('Name', definition.name, TEMPLATE_NAME_PATTERN, `must match ^[a-z0-9_]{1,512}$ (lowercase letters, digits and underscores, up to 512), got "${definition.name}"`);
	}
	if (definition.category !== undefined && !TEMPLATE_CATEGORIES.includes(definition.category)) {
		throw new LimitError('Category', `must be one of ${TEMPLATE_CATEGORIES.join(', ')}`);
	}
	if (definition.language !== undefined) {
		checkPattern('Language', definition.language, /^[a-z]{2,3}(_[A-Za-z]{2,4})?$/, `must be a language code such as en_US or pt_BR, got "${definition.language}"`);
	}
	const components = definition.components as Component[];
	if (!Array.isArray(components)) throw new LimitError('Components', 'must be a list of components');
	for (const component of components) {
		if (!component || typeof component !== 'object') throw new LimitError('Components', 'each component must be an object');
		const type = String(component.type ?? '').toUpperCase();
		if (!['HEADER', 'BODY', 'FOOTER', 'BUTTONS'].includes(type)) {
			throw new LimitError('Components', `type must be HEADER, BODY, FOOTER or BUTTONS, got "${String(component.type ?? '')}"`);
		}
	}
	const headers = componentsOfType(components, 'HEADER');
	const bodies = componentsOfType(components, 'BODY');
	const footers = componentsOfType(components, 'FOOTER');
	const buttonGroups = componentsOfType(components, 'BUTTONS');
	if (headers.length > 1) throw new LimitError('Header', 'a template has at most 1 header');
	if (bodies.length !== 1) throw new LimitError('Body', `a template needs exactly 1 body, got ${bodies.length}`);
	if (footers.length > 1) throw new LimitError('Footer', 'a template has at most 1 footer');
	if (buttonGroups.length > 1) throw new LimitError('Buttons', 'put all buttons in one BUTTONS component');

	const texts = [headers[0]?.text, bodies[0]?.text];
	const detected = detectParameterFormat('Body Text', texts);
	const declared = definition.parameterFormat ? (String(definition.parameterFormat).toUpperCase() as ParameterFormat) : undefined;
	if (declared && detected && declared !== detected) {
		throw new LimitError('Parameter Format', `is ${declared} but the texts use ${detected.toLowerCase()} variables`);
	}
	const format = detected ?? declared;
	if (headers[0]) checkHeader(headers[0], format);
	checkBody(bodies[0], format, definition.category);
	if (footers[0]) {
		if (definition.category !== 'AUTHENTICATION' && footers[0].code_expiration_minutes === undefined) checkRequired('Footer Text', footers[0].text);
		checkMaxLength('Footer Text', footers[0].text, TEMPLATE_LIMITS.footerText);
		if (templateVariables(footers[0].text).length) throw new LimitError('Footer Text', 'may not contain variables');
	}
	if (buttonGroups[0]) checkButtons(buttonGroups[0]);
	return format;
}

// ---------------------------------------------------------------------------------------------
// Business profile
// ---------------------------------------------------------------------------------------------

/** Limits of POST /{phone-number-id}/whatsapp_business_profile (Meta's OpenAPI spec). */
export const PROFILE_LIMITS = { about: 139, address: 256, description: 256, email: 128, website: 256, websites: 2 };

export function checkBusinessProfile(profile: IDataObject): void {
	if (profile.about !== undefined) {
		checkRequired('About', profile.about);
		checkMaxLength('About', profile.about, PROFILE_LIMITS.about);
	}
	checkMaxLength('Address', profile.address, PROFILE_LIMITS.address);
	checkMaxLength('Description', profile.description, PROFILE_LIMITS.description);
	checkMaxLength('Email', profile.email, PROFILE_LIMITS.email);
	if (profile.email !== undefined && profile.email !== '') {
		checkPattern('Email', String(profile.email), /^[^\s@]+@[^\s@]+\.[^\s@]+$/, `"${String(profile.email)}" is not an email address`);
	}
	const websites = (profile.websites ?? []) as string[];
	if (websites.length > PROFILE_LIMITS.websites) throw new LimitError('Websites', `at most ${PROFILE_LIMITS.websites} websites allowed, got ${websites.length}`);
	websites.forEach((website, index) => {
		checkMaxLength(`Website ${index + 1}`, website, PROFILE_LIMITS.website);
		checkPattern(`Website ${index + 1}`, website, /^https?:\/\/\S+$/i, 'must start with http:// or https://');
	});
}
