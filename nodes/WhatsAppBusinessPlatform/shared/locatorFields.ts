import type { INodeProperties } from 'n8n-workflow';

const GRAPH_ID = '^[0-9]{5,25}$';

/** The WhatsApp Business Account an operation works on: picked from a list, or given by ID. */
export function wabaLocator(show: Record<string, string[]>, description = 'The WhatsApp Business Account (WABA) to work on'): INodeProperties {
	return {
		displayName: 'WhatsApp Business Account',
		name: 'wabaId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchWabas', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '102290129340398',
				validation: [{ type: 'regex', properties: { regex: GRAPH_ID, errorMessage: 'A WhatsApp Business Account ID is a number' } }],
			},
		],
	};
}

/** A phone number of the chosen WABA. */
export function phoneNumberLocator(
	show: Record<string, string[]>,
	description = 'The business phone number to work with',
	name = 'phoneNumberId',
): INodeProperties {
	return {
		displayName: 'Phone Number',
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchPhoneNumbers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '106540352242922',
				validation: [{ type: 'regex', properties: { regex: GRAPH_ID, errorMessage: 'A phone number ID is a number (not the phone number itself)' } }],
			},
		],
	};
}

/** A business (Meta Business Manager) by ID. */
export function businessIdField(show: Record<string, string[]>, description = 'The ID of your Meta business (Business Settings → Business info)'): INodeProperties {
	return {
		displayName: 'Business ID',
		name: 'businessId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '506914307656634',
		description,
		displayOptions: { show },
	};
}
