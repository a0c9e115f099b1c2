import type { INodeProperties } from 'n8n-workflow';

export const show = (operation: string) => ({ resource: ['creditLine'], operation: [operation] });

export function creditLineIdField(operation: string, description = 'The ID of your credit line (Credit Line → Get Many lists them)'): INodeProperties {
	return {
		displayName: 'Credit Line ID',
		name: 'creditLineId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1972385232742146',
		description,
		displayOptions: { show: show(operation) },
	};
}

export function allocationConfigIdField(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Allocation Config ID',
		name: 'allocationConfigId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '58501441721238',
		description,
		displayOptions: { show: show(operation) },
	};
}

export const ALLOCATION_FIELDS = [
	'currency_amount',
	'id',
	'liability_type',
	'owning_business',
	'owning_credential',
	'partition_type',
	'receiving_business',
	'receiving_credential',
	'request_status',
	'send_bill_to',
];

export function allocationFieldsParameter(operation: string): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'allocationFields',
		type: 'multiOptions',
		default: ['id', 'receiving_business', 'receiving_credential', 'request_status', 'currency_amount'],
		description: 'Which details of the allocation to read',
		displayOptions: { show: show(operation) },
		options: ALLOCATION_FIELDS.map((field) => ({
			name: field.replace(/_/g, ' ').replace(/^./, (first) => first.toUpperCase()).replace(/\bid\b/i, 'ID'),
			value: field,
		})),
		routing: {
			send: {
				type: 'query',
				property: 'fields',
				// Sub-objects are read with their ID so the answer stays comparable. No arrow function here: older
				// n8n expression engines (n8n-workflow 1.80) refuse one with "invalid syntax".
				value: '={{ $value.join(",").replace(/(receiving_credential|owning_credential)/g, "$1{id}") }}',
			},
		},
	};
}
