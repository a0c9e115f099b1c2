import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { listFields } from '../../shared/commonFields';

const show = { resource: ['template'], operation: ['getLibrary'] };

export const getLibraryTemplates: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'libraryFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Industry', name: 'industry', type: 'string', default: '', placeholder: 'E_COMMERCE', description: 'Only templates for this industry' },
			{ displayName: 'Language', name: 'language', type: 'string', default: '', placeholder: 'en_US', description: 'Only templates in this language' },
			{ displayName: 'Search', name: 'search', type: 'string', default: '', placeholder: 'delivery', description: 'Words in the template\'s name, text or buttons' },
			{ displayName: 'Topic', name: 'topic', type: 'string', default: '', placeholder: 'ORDER_MANAGEMENT', description: 'Only templates about this topic' },
			{ displayName: 'Use Case', name: 'usecase', type: 'string', default: '', placeholder: 'SHIPMENT_CONFIRMATION', description: 'Only templates for this use case' },
		],
	},
	...listFields('template', 'getLibrary'),
];

/** Filters go in the query string, only those given. */
export async function libraryQuery(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const filters = (this.getNodeParameter('libraryFilters', {}) ?? {}) as Record<string, unknown>;
	const given = Object.fromEntries(Object.entries(filters).filter(([, value]) => String(value ?? '').trim()).map(([key, value]) => [key, String(value).trim()]));
	requestOptions.qs = { ...(requestOptions.qs ?? {}), ...given };
	return requestOptions;
}
