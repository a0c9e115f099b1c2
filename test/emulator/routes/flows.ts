import { GraphError, invalidParameter } from '../graphError';
import { emitWebhook } from '../platformEvents';
import type { GraphObject } from '../state';
import { paginate } from '../paging';
import { selfUrl } from './core';
import type { Route, RouteContext } from './types';

/** WhatsApp Flows (Flows API): draft → published → deprecated, Flow JSON checked with line and column like Meta does. */
const CATEGORIES = ['SIGN_UP', 'SIGN_IN', 'APPOINTMENT_BOOKING', 'LEAD_GENERATION', 'CONTACT_US', 'CUSTOMER_SUPPORT', 'SURVEY', 'OTHER'];
const TOP_LEVEL = ['version', 'screens', 'routing_model', 'data_api_version', 'data_channel_uri'];
const DEFAULT_FIELDS = ['id', 'name', 'categories', 'status', 'validation_errors'];
const PUBLIC_FIELDS = ['id', 'name', 'categories', 'status', 'validation_errors', 'json_version', 'data_api_version', 'endpoint_uri', 'health_status', 'application'];

interface ValidationError {
	error: string;
	error_type: string;
	message: string;
	line_start: number;
	line_end: number;
	column_start: number;
	column_end: number;
}

/** Where `"key"` first appears in the text, as Meta reports it (1-based line and columns). */
function locate(text: string, key: string, from = 0) {
	const at = Math.max(0, text.indexOf(`"${key}"`, from));
	const lines = text.slice(0, at).split('\n');
	const column = lines[lines.length - 1].length + 1;
	return { at, line_start: lines.length, line_end: lines.length, column_start: column, column_end: column + key.length + 1 };
}

/** The checks of Meta's Flow JSON validator the emulator knows: JSON, known top-level properties, screens with id and layout. */
export function validateFlowJson(text: string): { errors: ValidationError[]; version?: string } {
	let flow: Record<string, unknown>;
	try {
		flow = JSON.parse(text) as Record<string, unknown>;
	} catch (error) {
		return { errors: [{ error: 'INVALID_JSON', error_type: 'JSON_PARSE_ERROR', message: String((error as Error).message), line_start: 1, line_end: 1, column_start: 1, column_end: 1 }] };
	}
	const errors: ValidationError[] = [];
	for (const key of Object.keys(flow)) {
		if (!TOP_LEVEL.includes(key)) {
			const { at: _at, ...where } = locate(text, key);
			errors.push({ error: 'INVALID_PROPERTY', error_type: 'JSON_SCHEMA_ERROR', message: `The property "${key}" cannot be specified at "$root".`, ...where });
		}
	}
	const screens = Array.isArray(flow.screens) ? (flow.screens as Array<Record<string, unknown>>) : [];
	if (!screens.length) {
		const { at: _at, ...where } = locate(text, 'screens');
		errors.push({ error: 'MIN_ITEMS_REQUIRED', error_type: 'JSON_SCHEMA_ERROR', message: 'The Flow needs at least one screen at "$root/screens".', ...where });
	}
	let cursor = locate(text, 'screens').at;
	screens.forEach((screen, index) => {
		const anchor = typeof screen.id === 'string' ? locate(text, 'id', cursor) : locate(text, 'screens');
		cursor = anchor.at + 1;
		const { at: _at, ...where } = anchor;
		for (const required of ['id', 'layout']) {
			if (!(required in screen)) {
				errors.push({ error: 'REQUIRED_PROPERTY_MISSING', error_type: 'JSON_SCHEMA_ERROR', message: `The required property "${required}" is missing at "$root/screens/${index}".`, ...where });
			}
		}
	});
	return { errors, version: typeof flow.version === 'string' ? flow.version : undefined };
}

const flowsOf = (context: RouteContext, wabaId: string) => context.state.list('flow', (flow) => flow.wabaId === wabaId);

function setFlowJson(flow: GraphObject, text: string): void {
	const { errors, version } = validateFlowJson(text);
	flow.flowJson = text;
	flow.validation_errors = errors;
	if (version) flow.json_version = version;
}

function changeStatus(context: RouteContext, flow: GraphObject, to: string): void {
	const from = String(flow.status);
	flow.status = to;
	emitWebhook(context, String(flow.wabaId), 'flows', {
		event: 'FLOW_STATUS_CHANGE',
		message: `Flow ${String(flow.name)} changed status from ${from} to ${to}`,
		flow_id: flow.id,
		old_status: from,
		new_status: to,
	});
}

function publish(context: RouteContext, flow: GraphObject): void {
	if (flow.status !== 'DRAFT') throw new GraphError(400, 139002, 'Publishing failed', { details: `Only DRAFT Flows can be published; this Flow is ${String(flow.status)}` });
	if (!flow.flowJson) throw new GraphError(400, 139002, 'Publishing failed', { details: 'The Flow has no Flow JSON yet' });
	if ((flow.validation_errors as unknown[]).length) throw new GraphError(400, 139002, 'Publishing failed', { details: 'The Flow JSON has validation errors' });
	changeStatus(context, flow, 'PUBLISHED');
}

function checkCategories(value: unknown): string[] {
	const categories = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
	if (!Array.isArray(categories) || !categories.length) throw invalidParameter('categories must be a non-empty array');
	const bad = categories.find((category) => !CATEGORIES.includes(String(category)));
	if (bad !== undefined) throw invalidParameter(`Invalid category ${String(bad)}`);
	return categories.map(String);
}

function checkUniqueName(context: RouteContext, wabaId: string, name: string, self?: string): void {
	if (flowsOf(context, wabaId).some((flow) => flow.name === name && flow.id !== self)) {
		throw invalidParameter(`Flow name "${name}" is not unique: another Flow of this WhatsApp Business Account has it`);
	}
}

/** A Flow as Graph returns it, with preview and metric fields computed from their modifiers. */
function shown(context: RouteContext, flow: GraphObject) {
	const requested = String(context.req.query.fields ?? '').trim();
	const fields = requested ? requested.split(/,(?![^()]*\))/).map((field) => field.trim()) : DEFAULT_FIELDS;
	const out: Record<string, unknown> = { id: flow.id };
	for (const field of fields) {
		const name = field.replace(/\..*$/, '');
		if (PUBLIC_FIELDS.includes(name) && flow[name] !== undefined) out[name] = flow[name];
		if (name === 'whatsapp_business_account') out.whatsapp_business_account = { id: flow.wabaId };
		if (name === 'preview') {
			if (/invalidate\(true\)/.test(field) || !flow.previewToken) flow.previewToken = context.state.newId();
			out.preview = { preview_url: `https://business.facebook.com/wa/manage/flows/${flow.id}/preview/?token=${String(flow.previewToken)}`, expires_at: new Date(Date.now() + 30 * 86_400_000).toISOString().replace(/\.\d+Z$/, '+0000') };
		}
		if (name === 'metric') out.metric = metric(flow, field);
	}
	return out;
}

function metric(flow: GraphObject, field: string) {
	const read = (modifier: string) => new RegExp(`${modifier}\\(([^)]*)\\)`).exec(field)?.[1];
	const name = read('name');
	const granularity = read('granularity') ?? 'DAY';
	if (!flow.endpoint_uri) throw invalidParameter('Metrics are only available for Flows with an endpoint');
	if (!name) throw invalidParameter('metric needs a name(...)');
	const since = Date.parse(`${read('since') ?? ''}T00:00:00Z`);
	const until = Date.parse(`${read('until') ?? ''}T00:00:00Z`);
	if (Number.isNaN(since) || Number.isNaN(until) || until < since) throw invalidParameter('metric needs since(YYYY-MM-DD) and until(YYYY-MM-DD), since first');
	const days = granularity === 'LIFETIME' ? 1 : Math.round((until - since) / 86_400_000) + 1;
	const data_points = Array.from({ length: days }, (_, index) => ({
		timestamp: new Date(since + index * 86_400_000).toISOString().replace(/\.\d+Z$/, '+0000'),
		data: [{ key: 'value', value: 100 + index }],
	}));
	return { name, granularity, data_points };
}

export const flowsRoutes: Route[] = [
	{
		method: 'GET',
		target: 'waba',
		edge: 'flows',
		operationId: 'listFlows',
		handler: (context) => paginate(flowsOf(context, context.object!.id).map((flow) => shown(context, flow)), context.req.query, selfUrl(context), 25, context.emulator.options.maxPageSize ?? 100),
	},
	{
		method: 'POST',
		target: 'waba',
		edge: 'flows',
		handler: (context) => {
			const params = context.req.params as Record<string, unknown>;
			const name = String(params.name ?? '').trim();
			if (!name) throw invalidParameter('name is required');
			const wabaId = context.object!.id;
			checkUniqueName(context, wabaId, name);
			const categories = checkCategories(params.categories);
			const source = params.clone_flow_id ? context.state.get(String(params.clone_flow_id)) : undefined;
			if (params.clone_flow_id && (!source || source.type !== 'flow')) throw invalidParameter('Flow with specified ID does not exist');
			const flow = context.state.add({ id: context.state.newId(), type: 'flow', wabaId, name, categories, status: 'DRAFT', validation_errors: [], json_version: undefined as unknown, endpoint_uri: params.endpoint_uri ? String(params.endpoint_uri) : source?.endpoint_uri });
			const flowJson = params.flow_json !== undefined ? (typeof params.flow_json === 'string' ? params.flow_json : JSON.stringify(params.flow_json)) : (source?.flowJson as string | undefined);
			if (flowJson !== undefined) setFlowJson(flow, flowJson);
			if (params.publish === true || params.publish === 'true') publish(context, flow);
			const errors = flow.validation_errors as ValidationError[];
			return { id: flow.id, success: true, ...(errors.length ? { validation_errors: errors } : {}) };
		},
	},
	{ method: 'GET', target: 'flow', operationId: 'getFlow', handler: (context) => shown(context, context.object!) },
	{
		method: 'POST',
		target: 'flow',
		handler: (context) => {
			const flow = context.object!;
			const params = context.req.params as Record<string, unknown>;
			if (params.name !== undefined) {
				checkUniqueName(context, String(flow.wabaId), String(params.name), flow.id);
				flow.name = String(params.name);
			}
			if (params.categories !== undefined) flow.categories = checkCategories(params.categories);
			if (params.endpoint_uri !== undefined) flow.endpoint_uri = String(params.endpoint_uri);
			if (params.application_id !== undefined) flow.application = { id: String(params.application_id) };
			return { success: true };
		},
	},
	{
		method: 'DELETE',
		target: 'flow',
		handler: ({ object, state }) => {
			if (object!.status !== 'DRAFT') throw new GraphError(400, 139004, 'Flow can\'t be deleted', { details: `Only DRAFT Flows can be deleted; this Flow is ${String(object!.status)}` });
			state.objects.delete(object!.id);
			return { success: true };
		},
	},
	{
		method: 'POST',
		target: 'flow',
		edge: 'assets',
		handler: ({ object, req }) => {
			const flow = object!;
			if (!/multipart\/form-data/i.test(req.contentType)) throw invalidParameter('Upload Flow JSON as multipart/form-data with file, name and asset_type');
			const file = req.parts.find((part) => part.name === 'file' && part.filename !== undefined);
			if (!file || req.body.asset_type !== 'FLOW_JSON' || req.body.name !== 'flow.json') throw invalidParameter('file, name=flow.json and asset_type=FLOW_JSON are required');
			if (flow.status !== 'DRAFT') throw new GraphError(400, 139001, 'Flow can\'t be updated', { details: `Only DRAFT Flows can change their Flow JSON; this Flow is ${String(flow.status)}` });
			setFlowJson(flow, file.data.toString('utf8'));
			return { success: true, validation_errors: flow.validation_errors };
		},
	},
	{
		method: 'GET',
		target: 'flow',
		edge: 'assets',
		handler: (context) => ({ data: context.object!.flowJson ? [{ name: 'flow.json', asset_type: 'FLOW_JSON', download_url: `${context.emulator.url}/_emulator/flows/${context.object!.id}/flow.json` }] : [] }),
	},
	{ method: 'POST', target: 'flow', edge: 'publish', handler: (context) => (publish(context, context.object!), { success: true }) },
	{
		method: 'POST',
		target: 'flow',
		edge: 'deprecate',
		handler: (context) => {
			if (context.object!.status !== 'PUBLISHED') throw new GraphError(400, 139003, 'Flow can\'t be deprecated', { details: `Only PUBLISHED Flows can be deprecated; this Flow is ${String(context.object!.status)}` });
			changeStatus(context, context.object!, 'DEPRECATED');
			return { success: true };
		},
	},
];
