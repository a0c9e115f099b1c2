import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { checkPattern, checkSixDigits, textParameter, validated } from '../../shared/validation';
import { parameterValue, withIds } from '../../shared/output';
import { addPhoneNumber, buildAddPhoneNumberBody } from './add';
import { deregisterPhoneNumber } from './deregister';
import { getPhoneNumber } from './get';
import { getAllPhoneNumbers } from './getAll';
import { getBusinessProfile } from './getBusinessProfile';
import { registerPhoneNumber } from './register';
import { requestCode } from './requestCode';
import { setTwoStepPin } from './setTwoStepPin';
import { buildBusinessProfileBody, updateBusinessProfile } from './updateBusinessProfile';
import { usernameFields, usernameOperations } from './username';
import { verifyCode } from './verifyCode';

const phoneUrl = '=/{{$parameter.phoneNumberId}}';
const withPhoneId = withIds({ phoneNumberId: 'phoneNumberId' });
const username = usernameOperations(phoneUrl, [withPhoneId]);

async function checkRequestCode(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	validated(this, () => {
		const language = textParameter(this, 'language', 'Language', 'en_US');
		checkPattern('Language', language, /^[a-z]{2}_[A-Z]{2}$/, `must look like en_US or pt_BR, got "${language}"`);
	});
	return requestOptions;
}

async function checkVerifyCode(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	validated(this, () => checkSixDigits('Code', (requestOptions.body as { code?: string })?.code));
	return requestOptions;
}

async function buildRegisterBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const { pin, region } = validated(this, () => {
		const pin = textParameter(this, 'pin', 'PIN').trim();
		checkSixDigits('PIN', pin);
		return { pin, region: textParameter(this, 'dataLocalizationRegion', 'Data Localization Region') };
	});
	requestOptions.body = { messaging_product: 'whatsapp', pin, ...(region ? { data_localization_region: region } : {}) };
	return requestOptions;
}

async function buildPinBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const pin = validated(this, () => {
		const text = textParameter(this, 'pin', 'PIN').trim();
		checkSixDigits('PIN', text);
		return text;
	});
	requestOptions.body = { pin };
	return requestOptions;
}

export const phoneNumberDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phoneNumber'] } },
		default: 'getAll',
		options: [
			{
				name: 'Add',
				value: 'add',
				action: 'Add a phone number',
				description: 'Add a phone number to an account (then request and verify a code, then register it)',
				routing: {
					request: { method: 'POST', url: '=/{{$parameter.wabaId}}/phone_numbers' },
					send: { preSend: [buildAddPhoneNumberBody] },
					output: {
						postReceive: [
							withIds({ wabaId: 'wabaId' }, (context) => ({
								displayPhoneNumber: `+${parameterValue(context, 'countryCode').replace(/\D/g, '')} ${parameterValue(context, 'phoneNumber').replace(/\D/g, '')}`,
							})),
						],
					},
				},
			},
			{ ...username.deleteUsername },
			{
				name: 'Deregister',
				value: 'deregister',
				action: 'Deregister a phone number',
				description: 'Remove a phone number from the Cloud API',
				routing: { request: { method: 'POST', url: `${phoneUrl}/deregister` }, output: { postReceive: [withPhoneId] } },
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a phone number',
				description: 'Read the details of a phone number: name, quality, status, throughput',
				routing: { request: { method: 'GET', url: phoneUrl } },
			},
			{
				name: 'Get Business Profile',
				value: 'getBusinessProfile',
				action: 'Get the business profile of a phone number',
				description: 'Read the profile customers see: about, address, description, email, websites',
				routing: { request: { method: 'GET', url: `${phoneUrl}/whatsapp_business_profile` }, output: { postReceive: [withPhoneId] } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many phone numbers',
				description: 'List the phone numbers of an account',
				routing: { request: { method: 'GET', url: '=/{{$parameter.wabaId}}/phone_numbers' } },
			},
			{ ...username.getUsername },
			{
				name: 'Register',
				value: 'register',
				action: 'Register a phone number',
				description: 'Register a verified phone number for the Cloud API so it can send and receive messages',
				routing: {
					request: { method: 'POST', url: `${phoneUrl}/register` },
					send: { preSend: [buildRegisterBody] },
					output: { postReceive: [withPhoneId] },
				},
			},
			{
				name: 'Request Verification Code',
				value: 'requestCode',
				action: 'Request a verification code for a phone number',
				description: 'Have Meta send a verification code to the phone by SMS or voice call',
				routing: {
					request: { method: 'POST', url: `${phoneUrl}/request_code` },
					send: { preSend: [checkRequestCode] },
					output: {
						postReceive: [withIds({ phoneNumberId: 'phoneNumberId', codeMethod: 'codeMethod' })],
					},
				},
			},
			{
				name: 'Set Two-Step PIN',
				value: 'setTwoStepPin',
				action: 'Set the two step verification PIN of a phone number',
				description: 'Set or change the 6-digit two-step verification PIN',
				routing: {
					request: { method: 'POST', url: phoneUrl },
					send: { preSend: [buildPinBody] },
					output: { postReceive: [withPhoneId] },
				},
			},
			{ ...username.setUsername },
			{
				name: 'Update Business Profile',
				value: 'updateBusinessProfile',
				action: 'Update the business profile of a phone number',
				description: 'Change the profile customers see',
				routing: {
					request: { method: 'POST', url: `${phoneUrl}/whatsapp_business_profile` },
					send: { preSend: [buildBusinessProfileBody] },
					output: { postReceive: [withPhoneId] },
				},
			},
			{
				name: 'Verify Code',
				value: 'verifyCode',
				action: 'Verify a phone number with its code',
				description: 'Confirm the phone number with the code Meta sent',
				routing: {
					request: { method: 'POST', url: `${phoneUrl}/verify_code` },
					send: { preSend: [checkVerifyCode] },
					output: { postReceive: [withPhoneId] },
				},
			},
		],
	},
	...getPhoneNumber,
	...getAllPhoneNumbers,
	...addPhoneNumber,
	...requestCode,
	...verifyCode,
	...registerPhoneNumber,
	...deregisterPhoneNumber,
	...setTwoStepPin,
	...getBusinessProfile,
	...updateBusinessProfile,
	...usernameFields,
];
