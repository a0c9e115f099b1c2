import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { InputError, validated } from '../../shared/validation';
import { checkBusinessProfile } from './profileChecks';
import { splitList } from '../../shared/output';
import { phoneNumberTarget, show } from './fields';

const VERTICALS: Array<[string, string]> = [
	['ALCOHOL', 'Alcoholic Beverages'],
	['APPAREL', 'Clothing and Apparel'],
	['AUTO', 'Automotive'],
	['BEAUTY', 'Beauty, Spa and Salon'],
	['EDU', 'Education'],
	['ENTERTAIN', 'Entertainment'],
	['EVENT_PLAN', 'Event Planning and Service'],
	['FINANCE', 'Finance and Banking'],
	['GOVT', 'Public Service'],
	['GROCERY', 'Food and Grocery'],
	['HEALTH', 'Medical and Health'],
	['HOTEL', 'Hotel and Lodging'],
	['NONPROFIT', 'Non-Profit'],
	['ONLINE_GAMBLING', 'Online Gambling and Gaming'],
	['OTC_DRUGS', 'Over-the-Counter Drugs'],
	['OTHER', 'Other'],
	['PHYSICAL_GAMBLING', 'Non-Online Gambling and Gaming'],
	['PROF_SERVICES', 'Professional Services'],
	['RESTAURANT', 'Restaurant'],
	['RETAIL', 'Shopping and Retail'],
	['TRAVEL', 'Travel and Transportation'],
];

/** Builds the profile body from the chosen fields and checks Meta's lengths before sending. */
export async function buildBusinessProfileBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter('profileUpdateFields', {}) as IDataObject;
	const profile: IDataObject = {};
	const names: Record<string, string> = {
		about: 'about',
		address: 'address',
		description: 'description',
		email: 'email',
		vertical: 'vertical',
		profilePictureHandle: 'profile_picture_handle',
	};
	for (const [field, graphName] of Object.entries(names)) {
		if (fields[field] !== undefined) profile[graphName] = fields[field];
	}
	if (fields.websites !== undefined) profile.websites = splitList(fields.websites);
	validated(this, () => {
		if (!Object.keys(profile).length) throw new InputError('Update Fields', 'choose at least one part of the profile to change');
		checkBusinessProfile(profile);
	});
	requestOptions.body = { messaging_product: 'whatsapp', ...profile };
	return requestOptions;
}

export const updateBusinessProfile: INodeProperties[] = [
	...phoneNumberTarget('updateBusinessProfile', 'The phone number whose business profile to change'),
	{
		displayName: 'Update Fields',
		name: 'profileUpdateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: show('updateBusinessProfile') },
		options: [
			{
				displayName: 'About',
				name: 'about',
				type: 'string',
				default: '',
				description: 'The short status text under the business name (1–139 characters)',
			},
			{
				displayName: 'Address',
				name: 'address',
				type: 'string',
				default: '',
				description: 'The business address (up to 256 characters)',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'What the business does (up to 256 characters)',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'The contact email address (up to 128 characters)',
			},
			{
				displayName: 'Industry',
				name: 'vertical',
				type: 'options',
				default: 'OTHER',
				description: 'The industry shown on the profile',
				options: VERTICALS.map(([value, name]) => ({ name, value })),
			},
			{
				displayName: 'Profile Picture Handle',
				name: 'profilePictureHandle',
				type: 'string',
				default: '',
				description: 'The handle of an image uploaded with Meta\'s Resumable Upload API',
			},
			{
				displayName: 'Websites',
				name: 'websites',
				type: 'string',
				default: '',
				placeholder: 'https://example.com, https://shop.example.com',
				description: 'Up to 2 website addresses, separated by commas (each up to 256 characters). Replaces the current ones.',
			},
		],
	},
];
