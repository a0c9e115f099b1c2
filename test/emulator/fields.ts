import type { GraphObject, NodeType } from './state';

/** Fields Graph returns when the request names none. */
const DEFAULT_FIELDS: Partial<Record<NodeType, string[]>> = {
	business: ['id', 'name'],
	waba: ['id', 'name', 'timezone_id', 'message_template_namespace'],
	phoneNumber: ['id', 'display_phone_number', 'verified_name', 'quality_rating', 'code_verification_status', 'platform_type', 'throughput', 'name_status'],
	template: ['id', 'name', 'language', 'status', 'category', 'components', 'parameter_format'],
	user: ['id', 'name'],
	extendedCredit: ['id', 'legal_entity_name'],
	allocationConfig: ['id', 'receiving_business', 'request_status'],
	app: ['id', 'name', 'link'],
};

/** Write-only secrets Graph never returns. */
const WRITE_ONLY_FIELDS = new Set(['pin']);

/** Graph fields are snake_case; the emulator keeps its own bookkeeping in camelCase keys. */
export const isPublicField = (key: string) => /^[a-z0-9_]+$/.test(key) && !WRITE_ONLY_FIELDS.has(key);

/**
 * Projects an object to the requested fields (`a,b,c{d,e}`), hiding internal keys.
 * Unknown fields are ignored, as Graph returns only what exists.
 */
export function project(object: GraphObject, fieldsParam: unknown): Record<string, unknown> {
	const requested = typeof fieldsParam === 'string' && fieldsParam.trim() ? splitFields(fieldsParam) : (DEFAULT_FIELDS[object.type] ?? ['id']);
	const result: Record<string, unknown> = {};
	for (const field of requested) {
		const name = field.replace(/\{.*$/, '').replace(/\..*$/, '');
		if (!isPublicField(name)) continue;
		if (object[name] !== undefined && object[name] !== '') result[name] = object[name];
	}
	result.id = object.id;
	return result;
}

/** Splits `a,b{c,d},e` at top-level commas. */
export function splitFields(fields: string): string[] {
	const out: string[] = [];
	let depth = 0;
	let current = '';
	for (const char of fields) {
		if (char === '{' || char === '(') depth++;
		if (char === '}' || char === ')') depth--;
		if (char === ',' && depth === 0) {
			if (current.trim()) out.push(current.trim());
			current = '';
		} else current += char;
	}
	if (current.trim()) out.push(current.trim());
	return out;
}
