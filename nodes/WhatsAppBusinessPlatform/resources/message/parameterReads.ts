import { deepCopy, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

/**
 * Per-item parameter reads, fast. n8n resolves a parameter afresh for every item (an expression evaluation for
 * expressions), which for 10,000 items costs seconds before the first message can go. Two shortcuts give exactly
 * what getNodeParameter gives, and everything else still goes to n8n:
 * - a parameter with no expression anywhere in it has the same value for every item: read once, then copied;
 * - an expression made only of text and `{{ $json.field }}` placeholders (plain dotted names) whose values are
 *   text is filled in from the item directly (a single placeholder must give text, mixed text any scalar).
 */
interface Reader {
	constants: Map<string, { value: unknown }>;
	templates: Map<string, Template | null>;
	items: ReturnType<IExecuteFunctions['getInputData']>;
	parameters: IDataObject;
}

/** Text pieces and, between them, property paths into the item's JSON. */
interface Template {
	texts: string[];
	paths: string[][];
}

const readers = new WeakMap<IExecuteFunctions, Reader>();
const PLACEHOLDER = /\{\{([\s\S]*?)\}\}/g;
const JSON_PATH = /^\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*$/;

function readerOf(context: IExecuteFunctions): Reader {
	let reader = readers.get(context);
	if (!reader) {
		reader = { constants: new Map(), templates: new Map(), items: context.getInputData(), parameters: context.getNode().parameters };
		readers.set(context, reader);
	}
	return reader;
}

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

function parseTemplate(raw: string): Template | null {
	const texts: string[] = [];
	const paths: string[][] = [];
	let last = 0;
	const body = raw.slice(1);
	for (const match of body.matchAll(PLACEHOLDER)) {
		const path = JSON_PATH.exec(match[1]);
		if (!path) return null;
		texts.push(body.slice(last, match.index));
		paths.push(path[1].slice(1).split('.'));
		last = match.index + match[0].length;
	}
	if (!paths.length) return null;
	const tail = body.slice(last);
	// Braces left outside placeholders would be n8n's to interpret.
	if (/\{\{|\}\}/.test(tail) || texts.some((text) => /\{\{|\}\}/.test(text))) return null;
	texts.push(tail);
	return { texts, paths };
}

/** The template filled in for `json`, or undefined where n8n's own evaluation must decide. */
function fill(template: Template, json: IDataObject): string | undefined {
	const single = template.paths.length === 1 && template.texts[0] === '' && template.texts[1] === '';
	let out = template.texts[0];
	for (let index = 0; index < template.paths.length; index++) {
		let value: unknown = json;
		for (const key of template.paths[index]) {
			if (!value || typeof value !== 'object' || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
			value = (value as IDataObject)[key];
		}
		if (typeof value === 'string') out += value;
		else if (!single && (typeof value === 'number' || typeof value === 'boolean') && Number.isFinite(Number(value))) out += String(value);
		else return undefined;
		out += template.texts[index + 1];
	}
	return out;
}

/** `context.getNodeParameter(name, itemIndex, fallback, options)`, with the shortcuts above. */
export function readParameter(context: IExecuteFunctions, name: string, itemIndex: number, fallback?: unknown, options?: { extractValue?: boolean }): unknown {
	// Paths into collections (`options.x`) stay with n8n.
	if (name.includes('.')) return context.getNodeParameter(name, itemIndex, fallback, options);
	const reader = readerOf(context);
	const raw = reader.parameters[name];
	if (!hasExpression(raw)) {
		const key = `${name}|${options?.extractValue ? 'value' : 'raw'}`;
		let constant = reader.constants.get(key);
		if (!constant) reader.constants.set(key, (constant = { value: context.getNodeParameter(name, itemIndex, fallback, options) }));
		return constant.value !== null && typeof constant.value === 'object' ? deepCopy(constant.value) : constant.value;
	}
	if (typeof raw === 'string') {
		let template = reader.templates.get(name);
		if (template === undefined) reader.templates.set(name, (template = parseTemplate(raw)));
		const json = reader.items[itemIndex]?.json;
		const filled = template && json ? fill(template, json) : undefined;
		if (filled !== undefined) return filled;
	}
	return context.getNodeParameter(name, itemIndex, fallback, options);
}
