import { splitFields } from '../fields';
import { GraphError, invalidParameter } from '../graphError';
import type { EmulatorState, GraphObject } from '../state';
import type { Route, RouteContext } from './types';

/**
 * WABA analytics: the `analytics`, `conversation_analytics` and `pricing_analytics` fields with
 * their modifiers (`.start(t).end(t).granularity(G)…`), and the template_analytics edge.
 * Numbers are made up but deterministic, one data point per period.
 */
const DAY = 86_400;
const YEAR = 366 * DAY;
const GRANULARITIES: Record<string, Record<string, number>> = {
	analytics: { HALF_HOUR: 1800, DAY, MONTH: 30 * DAY },
	conversation_analytics: { HALF_HOUR: 1800, DAILY: DAY, MONTHLY: 30 * DAY },
	pricing_analytics: { HALF_HOUR: 1800, DAILY: DAY, MONTHLY: 30 * DAY },
};

/** Parses `name.start(1).end(2).granularity(DAY).phone_numbers([...])` into its modifiers. */
export function parseModifiers(field: string): { name: string; modifiers: Record<string, unknown> } {
	const [name] = field.split('.', 1);
	const modifiers: Record<string, unknown> = {};
	const pattern = /\.([a-z_]+)\(((?:[^()]|\([^()]*\))*)\)/g;
	for (const match of field.slice(name.length).matchAll(pattern)) {
		const raw = match[2].trim();
		let value: unknown = raw;
		if (/^\[.*\]$/.test(raw)) {
			try {
				value = JSON.parse(raw);
			} catch {
				throw invalidParameter(`Cannot parse the value of modifier ${match[1]}: ${raw}`);
			}
		}
		modifiers[match[1]] = value;
	}
	return { name, modifiers };
}

function periods(start: number, end: number, step: number): Array<[number, number]> {
	const out: Array<[number, number]> = [];
	for (let from = start; from < end && out.length < 2000; from += step) out.push([from, Math.min(end, from + step)]);
	return out;
}

const numbersOf = (state: EmulatorState, waba: GraphObject) => state.list('phoneNumber', (phone) => phone.wabaId === waba.id);

function checkRange(modifiers: Record<string, unknown>, lookback: number): { start: number; end: number } {
	const start = Number(modifiers.start);
	const end = Number(modifiers.end);
	if (modifiers.start === undefined || modifiers.end === undefined) throw invalidParameter('start and end are required');
	if (!Number.isInteger(start) || !Number.isInteger(end)) throw invalidParameter('start and end must be unix timestamps in seconds');
	if (end <= start) throw invalidParameter('end must be after start');
	if (start < Math.floor(Date.now() / 1000) - lookback) throw invalidParameter(`start is too far in the past (the limit is ${Math.round(lookback / DAY)} days)`);
	return { start, end };
}

/** The analytics fields asked for on GET /{waba-id}, computed; {} when none were asked for. */
export function wabaAnalyticsFields(context: RouteContext): Record<string, unknown> {
	const fields = context.req.query.fields;
	if (!fields) return {};
	const result: Record<string, unknown> = {};
	for (const field of splitFields(fields)) {
		const { name, modifiers } = parseModifiers(field);
		if (!GRANULARITIES[name]) continue;
		const waba = context.object!;
		const numbers = numbersOf(context.state, waba);
		if (!numbers.length) {
			throw new GraphError(400, 200008, '(#200008) The WhatsApp Business Account has no phone numbers', { details: 'Add a phone number to the account to get analytics' });
		}
		const { start, end } = checkRange(modifiers, YEAR);
		const granularity = String(modifiers.granularity ?? '');
		const step = GRANULARITIES[name][granularity];
		if (!step) throw invalidParameter(`granularity must be one of ${Object.keys(GRANULARITIES[name]).join(', ')} for ${name}, got ${granularity || 'nothing'}`);
		const wanted = Array.isArray(modifiers.phone_numbers) ? (modifiers.phone_numbers as string[]) : [];
		const displayNumbers = numbers.map((phone) => String(phone.display_phone_number).replace(/\D/g, ''));
		const unknown = wanted.find((number) => !displayNumbers.includes(String(number).replace(/\D/g, '')));
		if (unknown) throw invalidParameter(`Phone number ${unknown} does not belong to this account`);
		const spans = periods(start, end, step);
		if (name === 'analytics') {
			result.analytics = {
				phone_numbers: wanted.length ? wanted : displayNumbers,
				...(modifiers.country_codes ? { country_codes: modifiers.country_codes } : {}),
				granularity,
				data_points: spans.map(([from, to], index) => ({ start: from, end: to, sent: 10 + index, delivered: 9 + index })),
			};
		} else if (name === 'conversation_analytics') {
			const categories = (modifiers.conversation_categories as string[] | undefined) ?? ['MARKETING'];
			result.conversation_analytics = {
				data: [{ data_points: spans.flatMap(([from, to], index) => categories.map((category) => ({ start: from, end: to, conversation: 3 + index, cost: 0.05 * (3 + index), conversation_category: category }))) }],
			};
		} else {
			const categories = (modifiers.pricing_categories as string[] | undefined) ?? ['UTILITY'];
			result.pricing_analytics = {
				data: [{ data_points: spans.flatMap(([from, to], index) => categories.map((category) => ({ start: from, end: to, volume: 5 + index, cost: 0.02 * (5 + index), pricing_category: category }))) }],
			};
		}
	}
	return result;
}

const METRICS = ['SENT', 'DELIVERED', 'READ', 'CLICKED', 'COST'];

export const analyticsRoutes: Route[] = [
	{
		method: 'GET',
		target: 'waba',
		edge: 'template_analytics',
		handler: ({ object, req, state }) => {
			if (!object!.is_enabled_for_insights) {
				throw new GraphError(400, 200005, '(#200005) Template insights are not available for this account', { details: 'Enable insights (is_enabled_for_insights) on the WhatsApp Business Account first' });
			}
			const { start, end } = checkRange(req.query, 90 * DAY);
			if (req.query.granularity !== 'DAILY') throw invalidParameter('granularity must be DAILY');
			let ids: unknown;
			try {
				ids = JSON.parse(req.query.template_ids ?? '');
			} catch {
				throw invalidParameter('template_ids must be a JSON array of template IDs');
			}
			if (!Array.isArray(ids) || !ids.length) throw invalidParameter('template_ids must be a non-empty JSON array');
			if (ids.length > 10) throw invalidParameter('template_ids can hold at most 10 IDs');
			for (const id of ids) {
				const template = state.get(String(id));
				if (!template || template.type !== 'template' || template.wabaId !== object!.id) throw invalidParameter(`Template ${String(id)} does not belong to this account`);
			}
			let metrics = METRICS;
			if (req.query.metric_types) {
				try {
					metrics = JSON.parse(req.query.metric_types) as string[];
				} catch {
					throw invalidParameter('metric_types must be a JSON array');
				}
				const bad = metrics.find((metric) => !METRICS.includes(metric));
				if (bad) throw invalidParameter(`Invalid metric_type ${bad}`);
			}
			const points = periods(start, end, DAY).flatMap(([from, to], index) =>
				ids.map((id) => {
					const point: Record<string, unknown> = { template_id: String(id), start: from, end: to };
					if (metrics.includes('SENT')) point.sent = 20 + index;
					if (metrics.includes('DELIVERED')) point.delivered = 18 + index;
					if (metrics.includes('READ')) point.read = 12 + index;
					if (metrics.includes('CLICKED')) point.clicked = [{ type: 'quick_reply_button', button_content: 'Yes', count: 2 }];
					if (metrics.includes('COST')) point.cost = [{ type: 'amount_spent', value: 0.1 * (index + 1) }];
					return point;
				}),
			);
			return { data: [{ granularity: 'DAILY', product_type: 'cloud_api', data_points: points }], paging: { cursors: { before: 'MAZDZD', after: 'MjQZD' } } };
		},
	},
];
