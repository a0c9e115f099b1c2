import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { wabaLocator } from '../../shared/locatorFields';
import { checkMaxLength, checkPattern, InputError, textParameter, validated } from '../../shared/validation';
import { show } from './fields';

/** Country code and number as digits only; the display name as Meta limits it. */
export async function buildAddPhoneNumberBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const { cc, phoneNumber, verifiedName } = validated(this, () => {
		const cc = textParameter(this, 'countryCode', 'Country Code').replace(/^\+/, '').trim();
		const phoneNumber = textParameter(this, 'phoneNumber', 'Phone Number').replace(/[\s().-]/g, '');
		const verifiedName = textParameter(this, 'verifiedName', 'Display Name').trim();
		checkPattern('Country Code', cc, /^[0-9]{1,3}$/, `must be 1 to 3 digits, such as 1 or 44, got "${cc}"`);
		checkPattern('Phone Number', phoneNumber, /^[0-9]{4,14}$/, `must be the number without the country code, 4 to 14 digits, got "${phoneNumber}"`);
		if (verifiedName.length < 2) throw new InputError('Display Name', 'must have at least 2 characters');
		checkMaxLength('Display Name', verifiedName, 75);
		return { cc, phoneNumber, verifiedName };
	});
	requestOptions.body = { cc, phone_number: phoneNumber, verified_name: verifiedName };
	return requestOptions;
}

export const addPhoneNumber: INodeProperties[] = [
	wabaLocator(show('add'), 'The WhatsApp Business Account to add the number to'),
	{
		displayName: 'Country Code',
		name: 'countryCode',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1',
		description: 'The country calling code, without + (e.g. 1 for the US, 44 for the UK)',
		displayOptions: { show: show('add') },
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '5550100001',
		description: 'The number without the country code',
		displayOptions: { show: show('add') },
	},
	{
		displayName: 'Display Name',
		name: 'verifiedName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Acme Support',
		description: 'The business name customers see; Meta reviews it (2–75 characters)',
		displayOptions: { show: show('add') },
	},
];
