import type { INodeProperties } from 'n8n-workflow';

import { listFields } from '../../shared/commonFields';
import { businessIdField } from '../../shared/locatorFields';
import { show } from './fields';

export const getAllCreditLines: INodeProperties[] = [
	businessIdField(show('getAll'), 'The ID of your (solution partner\'s) Meta business'),
	...listFields('creditLine', 'getAll'),
	{
		displayName: 'Fields',
		name: 'creditLineFields',
		type: 'string',
		default: 'id,legal_entity_name',
		description: 'Comma-separated fields to read for each credit line, e.g. ID,legal_entity_name,credit_available',
		displayOptions: { show: show('getAll') },
		routing: { send: { type: 'query', property: 'fields' } },
	},
];
