import type { INodeProperties } from 'n8n-workflow';

import { listFields } from '../../shared/commonFields';
import { allocationFieldsParameter, creditLineIdField, show } from './fields';

export const getAllocations: INodeProperties[] = [
	creditLineIdField('getAllocations', 'The ID of the credit line whose allocations to list'),
	{
		displayName: 'Receiving Business ID',
		name: 'receivingBusinessId',
		type: 'string',
		default: '',
		description: 'Only allocations to this client business; empty for all',
		displayOptions: { show: show('getAllocations') },
		routing: { send: { type: 'query', property: 'receiving_business_id', value: '={{ $value || undefined }}' } },
	},
	...listFields('creditLine', 'getAllocations'),
	allocationFieldsParameter('getAllocations'),
];
