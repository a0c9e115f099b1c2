import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** "Return All" + "Limit" for a list operation; the transport follows the cursors. */
export function listFields(resource: string, operation: string): INodeProperties[] {
	const show = { resource: [resource], operation: [operation] };
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
			routing: { send: { type: 'query', property: 'limit' } },
		},
	];
}

export const rateLimitHandling: INodeProperties = {
	displayName: 'Rate Limit Handling',
	name: 'rateLimitHandling',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	description:
		'When Meta answers "too many calls", the node waits as Meta advises and tries again. These settings cap how long it keeps trying.',
	options: [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 20 },
			default: 5,
			description: 'How many times one call may be repeated after Meta rejects it for rate reasons or a temporary fault',
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 120,
			description: 'The longest total time one call may wait between its attempts',
		},
	],
};

/** How many elements a list operation wants: all (Return All) or its Limit. */
export function listLimit(context: IExecuteFunctions, itemIndex: number): number {
	return context.getNodeParameter('returnAll', itemIndex, false) ? Number.POSITIVE_INFINITY : Number(context.getNodeParameter('limit', itemIndex, 50));
}
