import type { INodeProperties } from 'n8n-workflow';

const GRAPH_ID = '^[0-9]{5,25}$';

interface GraphIdLocator {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
	placeholder: string;
	notANumber: string;
}

/** A Graph object picked from a searchable list, or given by its numeric ID. */
export function graphIdLocator(locator: GraphIdLocator, show: Record<string, string[]>): INodeProperties {
	return {
		displayName: locator.displayName,
		name: locator.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: locator.description,
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: locator.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: locator.placeholder,
				validation: [{ type: 'regex', properties: { regex: GRAPH_ID, errorMessage: locator.notANumber } }],
			},
		],
	};
}

/** The WhatsApp Business Account an operation works on: picked from a list, or given by ID. */
export function wabaLocator(show: Record<string, string[]>, description = 'The WhatsApp Business Account (WABA) to work on'): INodeProperties {
	return graphIdLocator(
		{
			displayName: 'WhatsApp Business Account',
			name: 'wabaId',
			description,
			searchListMethod: 'searchWabas',
			placeholder: '102290129340398',
			notANumber: 'A WhatsApp Business Account ID is a number',
		},
		show,
	);
}

/** A phone number of the chosen WABA. */
export function phoneNumberLocator(
	show: Record<string, string[]>,
	description = 'The business phone number to work with',
	name = 'phoneNumberId',
): INodeProperties {
	return graphIdLocator(
		{
			displayName: 'Phone Number',
			name,
			description,
			searchListMethod: 'searchPhoneNumbers',
			placeholder: '106540352242922',
			notANumber: 'A phone number ID is a number (not the phone number itself)',
		},
		show,
	);
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
