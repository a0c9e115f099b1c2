import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../shared/transport';
import { checkDateRange, toUnixSeconds } from '../../shared/validation';
import { flowIdField, flowIdOf, show } from './fields';

/** Endpoint metrics Meta documents for Flows with a data endpoint (Flows API → metrics); up to 90 days back. */
const METRICS: Array<[string, string, string]> = [
	['ENDPOINT_AVAILABILITY', 'Endpoint Availability', 'Share of health checks your endpoint answered'],
	['ENDPOINT_REQUEST_COUNT', 'Endpoint Request Count', 'Requests sent to your endpoint'],
	['ENDPOINT_REQUEST_ERROR', 'Endpoint Request Errors', 'Failed requests, by error type'],
	['ENDPOINT_REQUEST_ERROR_RATE', 'Endpoint Request Error Rate', 'Share of requests that failed'],
	['ENDPOINT_REQUEST_LATENCY_SECONDS_CEIL', 'Endpoint Latency', 'How long your endpoint took to answer, in seconds'],
];
const LOOKBACK_DAYS = 90;

const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

export const getFlowMetrics: INodeProperties[] = [
	flowIdField(['getMetrics'], 'The Flow (with a data endpoint) whose metrics to read.'),
	{
		displayName: 'Metric',
		name: 'metric',
		type: 'options',
		default: 'ENDPOINT_REQUEST_COUNT',
		displayOptions: { show: show('getMetrics') },
		options: METRICS.map(([value, name, description]) => ({ name, value, description })),
	},
	{
		displayName: 'Granularity',
		name: 'granularity',
		type: 'options',
		default: 'DAY',
		displayOptions: { show: show('getMetrics') },
		options: [
			{ name: 'Day', value: 'DAY' },
			{ name: 'Hour', value: 'HOUR' },
			{ name: 'Whole Period', value: 'LIFETIME' },
		],
	},
	{ displayName: 'Since', name: 'since', type: 'dateTime', required: true, default: '', description: `First day (at most ${LOOKBACK_DAYS} days ago)`, displayOptions: { show: show('getMetrics') } },
	{ displayName: 'Until', name: 'until', type: 'dateTime', required: true, default: '', description: 'Last day', displayOptions: { show: show('getMetrics') } },
];

/** One item per data point: its time and each of its key/value pairs. */
export async function getMetrics(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const flowId = flowIdOf(this, itemIndex);
	const metric = String(this.getNodeParameter('metric', itemIndex, 'ENDPOINT_REQUEST_COUNT'));
	const granularity = String(this.getNodeParameter('granularity', itemIndex, 'DAY'));
	const since = toUnixSeconds('Since', this.getNodeParameter('since', itemIndex, ''));
	const until = toUnixSeconds('Until', this.getNodeParameter('until', itemIndex, ''));
	checkDateRange('Since', since, 'Until', until + 1, LOOKBACK_DAYS);
	const fields = `metric.name(${metric}).granularity(${granularity}).since(${day(since)}).until(${day(until)})`;
	const answer = (await graphRequest.call(this, { url: `/${flowId}`, qs: { fields }, itemIndex })) as IDataObject;
	const points = (((answer.metric ?? {}) as IDataObject).data_points ?? []) as Array<{ timestamp?: string; data?: Array<{ key: string; value: unknown }> }>;
	return points.map((point) => ({
		json: { flowId, metric, granularity, timestamp: point.timestamp ?? null, ...Object.fromEntries((point.data ?? []).map((entry) => [entry.key, entry.value])) },
	}));
}
