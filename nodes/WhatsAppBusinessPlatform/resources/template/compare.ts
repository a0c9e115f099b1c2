import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { checkGraphId, fail, toUnixSeconds, validated } from '../../shared/validation';
import { templateLocator } from './templateLocator';

const show = { resource: ['template'], operation: ['compare'] };
/** Meta compares two templates over the last 7, 30, 60 or 90 days. */
const PERIODS = [7, 30, 60, 90];

export const compareTemplates: INodeProperties[] = [
	templateLocator(show, 'The first template to compare'),
	{
		displayName: 'Other Template ID',
		name: 'otherTemplateId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1234567890123456',
		description: 'The ID of the template to compare it with (same account)',
		displayOptions: { show },
	},
	{
		displayName: 'Period',
		name: 'period',
		type: 'options',
		default: 30,
		description: 'How far back to compare, up to today',
		displayOptions: { show },
		options: PERIODS.map((days) => ({ name: `Last ${days} Days`, value: days })),
	},
];

/** template_ids=[other], start and end as unix seconds spanning one of Meta's periods. */
export async function compareQuery(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const other = String(this.getNodeParameter('otherTemplateId', '') ?? '').trim();
	const days = Number(this.getNodeParameter('period', 30));
	const templateId = String(this.getNodeParameter('templateId', '', { extractValue: true }) ?? '');
	const qs = validated(this, () => {
		checkGraphId('Other Template ID', other);
		if (other === templateId) fail('Other Template ID', 'must be another template than the first one');
		if (!PERIODS.includes(days)) fail('Period', `must be one of ${PERIODS.join(', ')} days`);
		const end = toUnixSeconds('Period', Date.now());
		return { template_ids: JSON.stringify([other]), start: end - days * 86_400, end };
	});
	requestOptions.qs = { ...(requestOptions.qs ?? {}), ...qs };
	return requestOptions;
}
