import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { InputError, parseJsonParameter, textParameter } from '../../shared/validation';
import { templateVariables } from './checks';

/** How an authentication template's code button fills in the code; a template built here or from Meta's library. */
export const OTP_TYPE_FIELD: INodeProperties = {
	displayName: 'OTP Type',
	name: 'otpType',
	type: 'options',
	default: 'COPY_CODE',
	options: [
		{ name: 'Copy Code', value: 'COPY_CODE' },
		{ name: 'One Tap (Android Autofill)', value: 'ONE_TAP' },
		{ name: 'Zero Tap', value: 'ZERO_TAP' },
	],
	displayOptions: { show: { type: ['OTP'] } },
};

/**
 * The template content builder shared by Create and Update: header, body with variables and
 * their examples, footer and buttons from UI fields, or raw components as JSON.
 */
export function componentFields(show: Record<string, string[]>, authShow?: Record<string, string[]>): INodeProperties[] {
	const fieldsShow = { ...show, componentsSource: ['fields'] };
	const withHeader = (formats: string[]) => ({ show: { ...fieldsShow, headerFormat: formats } });
	return [
		{
			displayName: 'Components (JSON)',
			name: 'componentsJson',
			type: 'json',
			default: '[\n  {\n    "type": "BODY",\n    "text": "Hello {{1}}",\n    "example": { "body_text": [["Ana"]] }\n  }\n]',
			description:
				'The template\'s components exactly as Meta\'s API expects them (HEADER, BODY, FOOTER, BUTTONS). They are checked against Meta\'s limits before sending.',
			displayOptions: { show: { ...show, componentsSource: ['json'] } },
		},
		{
			displayName: 'Header',
			name: 'headerFormat',
			type: 'options',
			default: 'NONE',
			description: 'What appears above the message text',
			displayOptions: { show: fieldsShow },
			options: [
				{ name: 'Document', value: 'DOCUMENT' },
				{ name: 'Image', value: 'IMAGE' },
				{ name: 'Location', value: 'LOCATION', description: 'The location is given when the template is sent' },
				{ name: 'No Header', value: 'NONE' },
				{ name: 'Text', value: 'TEXT' },
				{ name: 'Video', value: 'VIDEO' },
			],
		},
		{
			displayName: 'Header Text',
			name: 'headerText',
			type: 'string',
			default: '',
			placeholder: 'Your order {{1}}',
			description: 'Up to 60 characters, with at most one variable such as {{1}} or {{order_id}}',
			displayOptions: withHeader(['TEXT']),
		},
		{
			displayName: 'Header Variable Example',
			name: 'headerExample',
			type: 'string',
			default: '',
			placeholder: 'A-1001',
			description: 'A sample value for the header\'s variable; Meta needs it to review the template',
			displayOptions: withHeader(['TEXT']),
		},
		{
			displayName: 'Header Media Handle',
			name: 'headerHandle',
			type: 'string',
			default: '',
			placeholder: '4::aW1hZ2UvanBlZw==:ARZ...',
			description:
				'The handle of a sample file uploaded with Meta\'s Resumable Upload API; Meta shows it to reviewers. The real file is given when the template is sent.',
			displayOptions: withHeader(['IMAGE', 'VIDEO', 'DOCUMENT']),
		},
		{
			displayName: 'Body Text',
			name: 'bodyText',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			placeholder: 'Hello {{1}}, your order {{2}} has shipped.',
			description:
				'The message text, up to 1024 characters. Use numbered variables ({{1}}, {{2}}, …) or named ones ({{first_name}}), not both. Not used for authentication templates: Meta writes their text.',
			displayOptions: { show: fieldsShow },
		},
		{
			displayName: 'Variable Examples',
			name: 'variableExamples',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Example',
			description: 'A sample value for each variable of the body text; Meta needs them to review the template',
			displayOptions: { show: fieldsShow },
			options: [
				{
					displayName: 'Example',
					name: 'example',
					values: [
						{
							displayName: 'Variable',
							name: 'variable',
							type: 'string',
							default: '',
							placeholder: '1 or first_name',
							description: 'The variable\'s number or name, without the braces',
						},
						{
							displayName: 'Example Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'Ana',
						},
					],
				},
			],
		},
		{
			displayName: 'Footer Text',
			name: 'footerText',
			type: 'string',
			default: '',
			description: 'Small grey text below the message, up to 60 characters, without variables',
			displayOptions: { show: fieldsShow },
		},
		{
			displayName: 'Buttons',
			name: 'buttons',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			default: {},
			placeholder: 'Add Button',
			description: 'Up to 10 buttons; at most one phone number button and one copy code button',
			displayOptions: { show: fieldsShow },
			options: [
				{
					displayName: 'Button',
					name: 'button',
					values: [
						{
							displayName: 'Example Code',
							name: 'example',
							type: 'string',
							default: '',
							placeholder: 'SUMMER25',
							description: 'A sample code for Meta\'s review; the real code is given when sending',
							displayOptions: { show: { type: ['COPY_CODE'] } },
						},
						{
							displayName: 'First Screen',
							name: 'navigateScreen',
							type: 'string',
							default: '',
							description: 'The ID of the screen the flow opens on (for Navigate)',
							displayOptions: { show: { type: ['FLOW'] } },
						},
						{
							displayName: 'Flow Action',
							name: 'flowAction',
							type: 'options',
							default: 'navigate',
							options: [
								{ name: 'Navigate', value: 'navigate' },
								{ name: 'Data Exchange', value: 'data_exchange' },
							],
							displayOptions: { show: { type: ['FLOW'] } },
						},
						{
							displayName: 'Flow ID',
							name: 'flowId',
							type: 'string',
							default: '',
							description: 'The ID of a published WhatsApp Flow',
							displayOptions: { show: { type: ['FLOW'] } },
						},
						OTP_TYPE_FIELD,
						{
							displayName: 'Phone Number',
							name: 'phoneNumber',
							type: 'string',
							default: '',
							placeholder: '+15550100001',
							description: 'The number to call, with country code, up to 20 characters',
							displayOptions: { show: { type: ['PHONE_NUMBER'] } },
						},
						{
							displayName: 'Text',
							name: 'text',
							type: 'string',
							default: '',
							description: 'The button label, up to 25 characters',
							displayOptions: { hide: { type: ['REQUEST_CONTACT_INFO'] } },
						},
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							default: 'QUICK_REPLY',
							options: [
								{ name: 'Copy Code', value: 'COPY_CODE', description: 'Copies a coupon code' },
								{ name: 'Flow', value: 'FLOW', description: 'Opens a WhatsApp Flow' },
								{ name: 'One-Time Password', value: 'OTP', description: 'For authentication templates' },
								{ name: 'Phone Number', value: 'PHONE_NUMBER', description: 'Calls a phone number' },
								{ name: 'Quick Reply', value: 'QUICK_REPLY', description: 'Sends a reply back to you' },
								{
									name: 'Request Contact Info',
									value: 'REQUEST_CONTACT_INFO',
									description: 'Asks the customer to share their phone number (utility and marketing templates); WhatsApp writes the label',
								},
								{ name: 'URL', value: 'URL', description: 'Opens a web page' },
							],
						},
						{
							displayName: 'URL',
							name: 'url',
							type: 'string',
							default: '',
							placeholder: 'https://example.com/track/{{1}}',
							description: 'The page to open; may end with one variable {{1}}',
							displayOptions: { show: { type: ['URL'] } },
						},
						{
							displayName: 'URL Example',
							name: 'urlExample',
							type: 'string',
							default: '',
							placeholder: 'https://example.com/track/A-1001',
							description: 'The full URL with a sample value, needed when the URL has a variable',
							displayOptions: { show: { type: ['URL'] } },
						},
					],
				},
			],
		},
		...(authShow
			? ([
					{
						displayName: 'Add Security Recommendation',
						name: 'addSecurityRecommendation',
						type: 'boolean',
						default: true,
						description: 'Whether to add "For your security, do not share this code." to the code message',
						displayOptions: { show: { ...authShow, componentsSource: ['fields'] } },
					},
					{
						displayName: 'Code Expiration (Minutes)',
						name: 'codeExpirationMinutes',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 90 },
						default: 0,
						description: 'Show "This code expires in N minutes" as the footer; 0 for no footer',
						displayOptions: { show: { ...authShow, componentsSource: ['fields'] } },
					},
				] as INodeProperties[])
			: []),
	];
}

interface ButtonFields {
	type?: string;
	text?: string;
	url?: string;
	urlExample?: string;
	phoneNumber?: string;
	example?: string;
	otpType?: string;
	flowId?: string;
	flowAction?: string;
	navigateScreen?: string;
}

function buttonOf(fields: ButtonFields): IDataObject {
	const type = fields.type ?? 'QUICK_REPLY';
	const button: IDataObject = { type };
	if (fields.text && type !== 'REQUEST_CONTACT_INFO') button.text = fields.text;
	if (type === 'URL') {
		button.url = fields.url ?? '';
		if (fields.urlExample) button.example = [fields.urlExample];
	}
	if (type === 'PHONE_NUMBER') button.phone_number = fields.phoneNumber ?? '';
	if (type === 'COPY_CODE') button.example = fields.example ?? '';
	if (type === 'OTP') button.otp_type = fields.otpType ?? 'COPY_CODE';
	if (type === 'FLOW') {
		button.flow_id = fields.flowId ?? '';
		button.flow_action = fields.flowAction ?? 'navigate';
		if (fields.navigateScreen) button.navigate_screen = fields.navigateScreen;
	}
	return button;
}

/** The components the user built, from UI fields or JSON (not yet validated). */
export function componentsFromParameters(context: IExecuteSingleFunctions, category?: string): IDataObject[] {
	const source = context.getNodeParameter('componentsSource', 'fields') as string;
	if (source === 'json') {
		const parsed = parseJsonParameter<unknown>('Components (JSON)', context.getNodeParameter('componentsJson', '[]'));
		const components = Array.isArray(parsed) ? parsed : (parsed as IDataObject)?.components;
		if (!Array.isArray(components)) throw new InputError('Components (JSON)', 'must be a JSON list of components, e.g. [{"type":"BODY","text":"Hi"}]');
		return components as IDataObject[];
	}

	const components: IDataObject[] = [];
	const isAuthentication = category === 'AUTHENTICATION';
	const bodyText = textParameter(context, 'bodyText', 'Body Text');
	const examples = ((context.getNodeParameter('variableExamples', {}) as IDataObject).example ?? []) as Array<{ variable?: string; value?: string }>;
	const exampleOf = (variable: string) =>
		examples.find((entry) => String(entry.variable ?? '').replace(/[{}\s]/g, '') === variable)?.value;

	const headerFormat = context.getNodeParameter('headerFormat', 'NONE') as string;
	if (headerFormat === 'TEXT') {
		const text = textParameter(context, 'headerText', 'Header Text');
		const header: IDataObject = { type: 'HEADER', format: 'TEXT', text };
		const [variable] = templateVariables(text);
		const sample = textParameter(context, 'headerExample', 'Header Variable Example');
		if (variable !== undefined && sample) {
			header.example = /^[0-9]+$/.test(variable) ? { header_text: [sample] } : { header_text_named_params: [{ param_name: variable, example: sample }] };
		}
		components.push(header);
	} else if (['IMAGE', 'VIDEO', 'DOCUMENT'].includes(headerFormat)) {
		const handle = textParameter(context, 'headerHandle', 'Header Media Handle');
		components.push({ type: 'HEADER', format: headerFormat, ...(handle ? { example: { header_handle: [handle] } } : {}) });
	} else if (headerFormat === 'LOCATION') {
		components.push({ type: 'HEADER', format: 'LOCATION' });
	}

	if (isAuthentication) {
		components.push({ type: 'BODY', add_security_recommendation: context.getNodeParameter('addSecurityRecommendation', true) as boolean });
		const minutes = Number(context.getNodeParameter('codeExpirationMinutes', 0) ?? 0);
		if (minutes > 0) components.push({ type: 'FOOTER', code_expiration_minutes: minutes });
	} else {
		const body: IDataObject = { type: 'BODY', text: bodyText };
		const variables = [...new Set(templateVariables(bodyText))];
		if (variables.length) {
			if (variables.every((variable) => /^[0-9]+$/.test(variable))) {
				const ordered = [...variables].sort((a, b) => Number(a) - Number(b));
				body.example = { body_text: [ordered.map((variable) => exampleOf(variable) ?? '').filter((value) => value !== '')] };
			} else {
				body.example = {
					body_text_named_params: variables
						.filter((variable) => exampleOf(variable) !== undefined)
						.map((variable) => ({ param_name: variable, example: exampleOf(variable) })),
				};
			}
		}
		components.push(body);
		const footerText = textParameter(context, 'footerText', 'Footer Text');
		if (footerText) components.push({ type: 'FOOTER', text: footerText });
	}

	const buttons = ((context.getNodeParameter('buttons', {}) as IDataObject).button ?? []) as ButtonFields[];
	if (buttons.length) components.push({ type: 'BUTTONS', buttons: buttons.map(buttonOf) });
	return components;
}
