import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { wabaLocator } from '../../shared/locatorFields';
import { checkDateRange, InputError, toUnixSeconds, validated } from '../../shared/validation';
import { parameterValue, splitList } from '../../shared/output';

const show = { resource: ['account'], operation: ['getAnalytics'] };
const showFor = (...types: string[]) => ({ ...show, analyticsType: types });

const options = (...values: string[]): INodePropertyOptions[] =>
	values.map((value) => ({
		name: value
			.toLowerCase()
			.split('_')
			.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
			.join(' '),
		value,
	}));

/** Graph field of each analytics kind (template analytics is an edge, not a field). */
const FIELD_OF: Record<string, string> = {
	messaging: 'analytics',
	conversation: 'conversation_analytics',
	pricing: 'pricing_analytics',
};
/** Messaging analytics say DAY/MONTH, conversation and pricing analytics DAILY/MONTHLY. */
const GRANULARITY: Record<string, Record<string, string>> = {
	messaging: { HALF_HOUR: 'HALF_HOUR', DAY: 'DAY', MONTH: 'MONTH' },
	conversation: { HALF_HOUR: 'HALF_HOUR', DAY: 'DAILY', MONTH: 'MONTHLY' },
	pricing: { HALF_HOUR: 'HALF_HOUR', DAY: 'DAILY', MONTH: 'MONTHLY' },
};
const LOOKBACK_DAYS: Record<string, number> = { messaging: 365, conversation: 365, pricing: 365, template: 90 };

const list = (values: unknown) => JSON.stringify(splitList(values));

/**
 * Builds the analytics request: `fields=analytics.start(..).end(..).granularity(..)…` on the
 * account, or the template_analytics edge's query. Dates are sent as unix seconds.
 */
export async function buildAnalyticsRequest(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const type = this.getNodeParameter('analyticsType', 'messaging') as string;
	const filters = this.getNodeParameter('analyticsFilters', {}) as IDataObject;
	const { start, end } = validated(this, () => {
		const start = toUnixSeconds('Start', this.getNodeParameter('startDate', ''));
		const end = toUnixSeconds('End', this.getNodeParameter('endDate', ''));
		checkDateRange('Start', start, 'End', end, LOOKBACK_DAYS[type]);
		return { start, end };
	});

	if (type === 'template') {
		const templateIds = splitList(this.getNodeParameter('templateIds', ''));
		const metricTypes = (this.getNodeParameter('templateMetricTypes', []) as string[]) ?? [];
		validated(this, () => {
			if (templateIds.length === 0) throw new InputError('Template IDs', 'give at least one template ID');
			if (templateIds.length > 10) throw new InputError('Template IDs', `at most 10 templates per request, got ${templateIds.length}`);
			const bad = templateIds.find((id) => !/^[0-9]+$/.test(id));
			if (bad) throw new InputError('Template IDs', `"${bad}" is not a template ID (a number)`);
		});
		requestOptions.qs = {
			...(requestOptions.qs ?? {}),
			start,
			end,
			granularity: 'DAILY',
			template_ids: JSON.stringify(templateIds),
			...(metricTypes.length ? { metric_types: JSON.stringify(metricTypes) } : {}),
		};
		return requestOptions;
	}

	const granularity = GRANULARITY[type][this.getNodeParameter('granularity', 'DAY') as string];
	const modifiers = [`start(${start})`, `end(${end})`, `granularity(${granularity})`];
	if (filters.phoneNumbers) modifiers.push(`phone_numbers(${list(filters.phoneNumbers)})`);
	if (type === 'messaging' && Array.isArray(filters.productTypes) && filters.productTypes.length) {
		modifiers.push(`product_types([${(filters.productTypes as string[]).map(Number).join(',')}])`);
	}
	if (filters.countryCodes) modifiers.push(`country_codes(${list(filters.countryCodes)})`);
	const arrays: Record<string, string> = {
		metricTypes: 'metric_types',
		conversationCategories: 'conversation_categories',
		conversationTypes: 'conversation_types',
		conversationDirections: 'conversation_directions',
		pricingTypes: 'pricing_types',
		pricingCategories: 'pricing_categories',
		dimensions: 'dimensions',
	};
	const own = (type === 'messaging' ? {} : this.getNodeParameter(`${type}Options`, {})) as IDataObject;
	for (const [name, graphName] of Object.entries(arrays)) {
		const values = own[name] as string[] | undefined;
		if (Array.isArray(values) && values.length) modifiers.push(`${graphName}(${JSON.stringify(values)})`);
	}
	requestOptions.qs = { ...(requestOptions.qs ?? {}), fields: `${FIELD_OF[type]}.${modifiers.join('.')}` };
	return requestOptions;
}

/** One item per data point, whichever analytics kind answered. */
export async function analyticsDataPoints(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const type = this.getNodeParameter('analyticsType', 'messaging') as string;
	const wabaId = parameterValue(this, 'wabaId');
	const points: IDataObject[] = [];
	for (const { json } of items) {
		if (type === 'template') {
			for (const point of (json.data_points ?? []) as IDataObject[]) points.push({ wabaId, granularity: json.granularity, ...point });
			continue;
		}
		const section = (json[FIELD_OF[type]] ?? {}) as IDataObject;
		if (type === 'messaging') {
			for (const point of (section.data_points ?? []) as IDataObject[]) points.push({ wabaId, granularity: section.granularity, ...point });
		} else {
			for (const group of (section.data ?? []) as IDataObject[]) {
				for (const point of (group.data_points ?? []) as IDataObject[]) points.push({ wabaId, ...point });
			}
		}
	}
	return points.map((json) => ({ json }));
}

const CONVERSATION_DIMENSIONS = ['CONVERSATION_CATEGORY', 'CONVERSATION_DIRECTION', 'CONVERSATION_TYPE', 'COUNTRY', 'PHONE'];
const PRICING_DIMENSIONS = ['COUNTRY', 'PHONE', 'PRICING_CATEGORY', 'PRICING_TYPE', 'TIER'];

export const getAnalytics: INodeProperties[] = [
	wabaLocator(show, 'The WhatsApp Business Account to report on'),
	{
		displayName: 'Analytics',
		name: 'analyticsType',
		type: 'options',
		default: 'messaging',
		description: 'Which numbers to report',
		displayOptions: { show },
		options: [
			{ name: 'Conversations', value: 'conversation', description: 'Conversations opened and their cost, by category, direction and type' },
			{ name: 'Messages Sent and Delivered', value: 'messaging', description: 'How many messages the account\'s numbers sent and delivered' },
			{ name: 'Pricing', value: 'pricing', description: 'Billable message volume and cost, by pricing category and type' },
			{ name: 'Templates', value: 'template', description: 'Per template: sent, delivered, read, button clicks and cost (last 90 days, insights must be on)' },
		],
	},
	{
		displayName: 'Start',
		name: 'startDate',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Beginning of the period (UTC when no time zone is given). Up to one year back; 90 days for templates.',
		displayOptions: { show },
	},
	{
		displayName: 'End',
		name: 'endDate',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'End of the period (UTC when no time zone is given)',
		displayOptions: { show },
	},
	{
		displayName: 'Granularity',
		name: 'granularity',
		type: 'options',
		default: 'DAY',
		description: 'How long each reported period is',
		displayOptions: { show: showFor('messaging', 'conversation', 'pricing') },
		options: [
			{ name: 'Half Hour', value: 'HALF_HOUR' },
			{ name: 'Day', value: 'DAY' },
			{ name: 'Month', value: 'MONTH' },
		],
	},
	{
		displayName: 'Template IDs',
		name: 'templateIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1234567890,2345678901',
		description: 'IDs of up to 10 templates, separated by commas',
		displayOptions: { show: showFor('template') },
	},
	{
		displayName: 'Metrics',
		name: 'templateMetricTypes',
		type: 'multiOptions',
		default: [],
		description: 'Which numbers to report for each template; none chosen means all',
		displayOptions: { show: showFor('template') },
		options: options('CLICKED', 'COST', 'DELIVERED', 'READ', 'SENT'),
	},
	{
		displayName: 'Filters',
		name: 'analyticsFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Limit the report to some phone numbers, countries or kinds of traffic',
		displayOptions: { show: showFor('messaging', 'conversation', 'pricing') },
		options: [
			{
				displayName: 'Country Codes',
				name: 'countryCodes',
				type: 'string',
				default: '',
				placeholder: 'US,BR',
				description: 'Two-letter country codes of the recipients, separated by commas',
			},
			{
				displayName: 'Phone Numbers',
				name: 'phoneNumbers',
				type: 'string',
				default: '',
				placeholder: '15550100001,15550100002',
				description: 'The account\'s display phone numbers to include, separated by commas; empty means all',
			},
			{
				displayName: 'Product Types',
				name: 'productTypes',
				type: 'multiOptions',
				default: [],
				description: 'Only for messaging analytics: notification messages, customer support messages or both',
				options: [
					{ name: 'Notification Messages', value: '0' },
					{ name: 'Customer Support Messages', value: '2' },
				],
			},
		],
	},
	{
		displayName: 'Conversation Options',
		name: 'conversationOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Which conversations to count and how to break the numbers down',
		displayOptions: { show: showFor('conversation') },
		options: [
			{ displayName: 'Categories', name: 'conversationCategories', type: 'multiOptions', default: [], options: options('AUTHENTICATION', 'MARKETING', 'SERVICE', 'UTILITY') },
			{ displayName: 'Directions', name: 'conversationDirections', type: 'multiOptions', default: [], options: options('BUSINESS_INITIATED', 'USER_INITIATED') },
			{
				displayName: 'Group By',
				name: 'dimensions',
				type: 'multiOptions',
				default: [],
				description: 'Break the numbers down by these dimensions',
				options: options(...CONVERSATION_DIMENSIONS),
			},
			{ displayName: 'Metrics', name: 'metricTypes', type: 'multiOptions', default: [], options: options('CONVERSATION', 'COST') },
			{ displayName: 'Types', name: 'conversationTypes', type: 'multiOptions', default: [], options: options('FREE_ENTRY', 'FREE_TIER', 'REGULAR') },
		],
	},
	{
		displayName: 'Pricing Options',
		name: 'pricingOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Which billable messages to count and how to break the numbers down',
		displayOptions: { show: showFor('pricing') },
		options: [
			{
				displayName: 'Categories',
				name: 'pricingCategories',
				type: 'multiOptions',
				default: [],
				options: options('AUTHENTICATION', 'AUTHENTICATION_INTERNATIONAL', 'MARKETING', 'MARKETING_LITE', 'SERVICE', 'UTILITY'),
			},
			{
				displayName: 'Group By',
				name: 'dimensions',
				type: 'multiOptions',
				default: [],
				description: 'Break the numbers down by these dimensions',
				options: options(...PRICING_DIMENSIONS),
			},
			{ displayName: 'Metrics', name: 'metricTypes', type: 'multiOptions', default: [], options: options('COST', 'VOLUME') },
			{ displayName: 'Pricing Types', name: 'pricingTypes', type: 'multiOptions', default: [], options: options('FREE_CUSTOMER_SERVICE', 'FREE_ENTRY_POINT', 'REGULAR') },
		],
	},
];
