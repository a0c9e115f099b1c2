import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { wabaLocator } from '../../shared/locatorFields';
import { userNumberDigits } from '../../shared/userNumber';
import { checkLanguage, checkTemplateName, fail, requireHttpUrl, validated } from '../../shared/validation';
import { OTP_TYPE_FIELD } from './components';
import { TEMPLATE_CATEGORY_OPTIONS } from './create';

const show = { resource: ['template'], operation: ['createFromLibrary'] };
/** Authentication library templates: the code expires after 1 to 90 minutes. */
const CODE_EXPIRATION = { min: 1, max: 90 };

/**
 * A template from Meta's template library (`library_template_name`), with the inputs its buttons
 * and body need. Library templates skip most of the review.
 */
export async function buildLibraryTemplateBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const name = String(this.getNodeParameter('name', '') ?? '').trim();
	const libraryName = String(this.getNodeParameter('libraryTemplateName', '') ?? '').trim();
	const category = String(this.getNodeParameter('category', 'UTILITY'));
	const language = String(this.getNodeParameter('language', 'en_US') ?? '').trim();
	const buttons = (((this.getNodeParameter('libraryButtonInputs', {}) ?? {}) as IDataObject).button ?? []) as IDataObject[];
	const bodyInputs = (this.getNodeParameter('libraryBodyInputs', {}) ?? {}) as IDataObject;
	requestOptions.body = validated(this, () => {
		checkTemplateName('Name', name);
		checkTemplateName('Library Template Name', libraryName);
		checkLanguage('Language', language);
		const body: IDataObject = { name, library_template_name: libraryName, category, language };
		if (buttons.length) {
			body.library_template_button_inputs = buttons.map((button, index) => {
				const field = `Button Input ${index + 1}`;
				if (button.type === 'URL') {
					const url: IDataObject = { base_url: requireHttpUrl(`${field}: Website URL`, button.baseUrl) };
					if (String(button.urlSuffixExample ?? '').trim()) url.url_suffix_example = String(button.urlSuffixExample).trim();
					return { type: 'URL', url };
				}
				if (button.type === 'PHONE_NUMBER') return { type: 'PHONE_NUMBER', phone_number: `+${userNumberDigits(`${field}: Phone Number`, button.phoneNumber)}` };
				if (button.type === 'OTP') return { type: 'OTP', otp_type: String(button.otpType ?? 'COPY_CODE') };
				return fail(field, `unknown button type "${String(button.type)}"`);
			});
		}
		const inputs: IDataObject = {};
		for (const [key, field] of [['addContactNumber', 'add_contact_number'], ['addLearnMoreLink', 'add_learn_more_link'], ['addSecurityRecommendation', 'add_security_recommendation'], ['addTrackPackageLink', 'add_track_package_link']]) {
			if (bodyInputs[key] !== undefined) inputs[field] = bodyInputs[key];
		}
		if (bodyInputs.codeExpirationMinutes !== undefined) {
			const minutes = Number(bodyInputs.codeExpirationMinutes);
			if (!Number.isInteger(minutes) || minutes < CODE_EXPIRATION.min || minutes > CODE_EXPIRATION.max) fail('Code Expiration (Minutes)', `must be a whole number from ${CODE_EXPIRATION.min} to ${CODE_EXPIRATION.max}`);
			inputs.code_expiration_minutes = minutes;
		}
		if (Object.keys(inputs).length) body.library_template_body_inputs = inputs;
		return body;
	});
	return requestOptions;
}

export const createTemplateFromLibrary: INodeProperties[] = [
	wabaLocator(show, 'The WhatsApp Business Account the template belongs to'),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'order_shipped',
		description: 'The name of your new template: lowercase letters, digits and underscores',
		displayOptions: { show },
	},
	{
		displayName: 'Library Template Name',
		name: 'libraryTemplateName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'delivery_update_1',
		description: 'The template in Meta\'s template library to start from (Template → Get Library Templates lists them)',
		displayOptions: { show },
	},
	{ displayName: 'Category', name: 'category', type: 'options', default: 'UTILITY', options: TEMPLATE_CATEGORY_OPTIONS, description: 'The library template\'s category', displayOptions: { show } },
	{ displayName: 'Language', name: 'language', type: 'string', default: 'en_US', placeholder: 'en_US', description: 'A language the library template comes in', displayOptions: { show } },
	{
		displayName: 'Button Inputs',
		name: 'libraryButtonInputs',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Button Input',
		description: 'What the library template\'s buttons need, in the order of its buttons: your website for URL buttons, your number for call buttons',
		displayOptions: { show },
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					OTP_TYPE_FIELD,
					{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '', placeholder: '+1 555 010 1234', description: 'For call buttons: the number to call, with its country code', displayOptions: { show: { type: ['PHONE_NUMBER'] } } },
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: 'URL',
						options: [
							{ name: 'Website (URL)', value: 'URL' },
							{ name: 'Call (Phone Number)', value: 'PHONE_NUMBER' },
							{ name: 'One-Time Password', value: 'OTP' },
						],
					},
					{ displayName: 'URL Suffix Example', name: 'urlSuffixExample', type: 'string', default: '', placeholder: 'A-1001', description: 'For URL buttons with {{1}}: an example of the per-message part', displayOptions: { show: { type: ['URL'] } } },
					{ displayName: 'Website URL', name: 'baseUrl', type: 'string', default: '', placeholder: 'https://acme.example/track/{{1}}', description: 'For URL buttons: the address, with {{1}} where a per-message part goes', displayOptions: { show: { type: ['URL'] } } },
				],
			},
		],
	},
	{
		displayName: 'Body Inputs',
		name: 'libraryBodyInputs',
		type: 'collection',
		placeholder: 'Add Body Input',
		default: {},
		description: 'Optional parts of the library template\'s text',
		displayOptions: { show },
		options: [
			{ displayName: 'Add Contact Number', name: 'addContactNumber', type: 'boolean', default: true },
			{ displayName: 'Add Learn More Link', name: 'addLearnMoreLink', type: 'boolean', default: true },
			{ displayName: 'Add Security Recommendation', name: 'addSecurityRecommendation', type: 'boolean', default: true, description: 'Whether authentication templates tell the customer not to share the code' },
			{ displayName: 'Add Track Package Link', name: 'addTrackPackageLink', type: 'boolean', default: true },
			{ displayName: 'Code Expiration (Minutes)', name: 'codeExpirationMinutes', type: 'number', typeOptions: { minValue: 1, maxValue: 90 }, default: 10, description: 'Authentication templates: how long the code is valid' },
		],
	},
];
