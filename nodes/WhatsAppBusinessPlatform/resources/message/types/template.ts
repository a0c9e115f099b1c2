import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { asText, checkLanguage, checkTemplateName, fail, parseJsonParameter, requireText } from '../../../shared/validation';
import { mediaObject, type BuiltContent, type MediaSource, type ParameterReader, type PendingUpload } from './common';

/** Template messages (Message → Send Template): fields, checks and the body builder. */

const MEDIA_TYPES = ['image', 'video', 'document'];
const LIMITS = { bodyText: 32768, headerText: 60, buttonIndex: { min: 0, max: 9 } };
/** Component types Meta documents for sending a template. */
const COMPONENT_TYPES = ['header', 'body', 'button', 'carousel', 'limited_time_offer', 'order_status', 'tap_target_configuration'];

/** The Send Template operation's fields: the template, and its parameters as fields or JSON. */
export function templateFields(show: Record<string, string[]>): INodeProperties[] {
	const fieldsMode = { ...show, templateParameterInput: ['fields'] };
	return [
		{
			displayName: 'Template',
			name: 'template',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			description: 'An approved template of the WhatsApp Business Account, by name and language',
			displayOptions: { show },
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: 'searchTemplatesForSending', searchable: true },
				},
				{
					displayName: 'Name|Language',
					name: 'nameLanguage',
					type: 'string',
					placeholder: 'order_shipped|en_US',
					validation: [
						{
							type: 'regex',
							properties: { regex: '^[a-z0-9_]+\\|[A-Za-z_]+$', errorMessage: 'Give the template name and language code separated by |, e.g. order_shipped|en_US' },
						},
					],
				},
			],
		},
		{
			displayName: 'Parameters Input',
			name: 'templateParameterInput',
			type: 'options',
			default: 'fields',
			options: [
				{ name: 'Fields', value: 'fields', description: 'Header, body and button parameters one by one' },
				{ name: 'JSON Components', value: 'json', description: 'Meta\'s components array as JSON' },
			],
			displayOptions: { show },
		},
		{
			displayName: 'Components (JSON)',
			name: 'templateComponentsJson',
			type: 'json',
			default: '[{"type":"body","parameters":[{"type":"text","text":"Ana"}]}]',
			description: 'The template\'s components with their parameters, as in Meta\'s API reference',
			displayOptions: { show: { ...show, templateParameterInput: ['json'] } },
		},
		{
			displayName: 'Header Parameter',
			name: 'headerParameter',
			type: 'fixedCollection',
			default: {},
			placeholder: 'Add Header Parameter',
			description: 'The value of the header\'s variable or media, when the template has one',
			displayOptions: { show: fieldsMode },
			options: [
				{
					displayName: 'Header',
					name: 'parameter',
					values: [
						{
							displayName: 'Input Binary Field',
							name: 'binaryPropertyName',
							type: 'string',
							default: 'data',
							displayOptions: { show: { type: MEDIA_TYPES, mediaSource: ['binary'] } },
						},
						{ displayName: 'Latitude', name: 'latitude', type: 'number', typeOptions: { numberPrecision: 7 }, default: 0, displayOptions: { show: { type: ['location'] } } },
						{ displayName: 'Link', name: 'mediaLink', type: 'string', default: '', displayOptions: { show: { type: MEDIA_TYPES, mediaSource: ['link'] } } },
						{ displayName: 'Location Address', name: 'locationAddress', type: 'string', default: '', displayOptions: { show: { type: ['location'] } } },
						{ displayName: 'Location Name', name: 'locationName', type: 'string', default: '', displayOptions: { show: { type: ['location'] } } },
						{ displayName: 'Longitude', name: 'longitude', type: 'number', typeOptions: { numberPrecision: 7 }, default: 0, displayOptions: { show: { type: ['location'] } } },
						{ displayName: 'Media ID', name: 'mediaId', type: 'string', default: '', displayOptions: { show: { type: MEDIA_TYPES, mediaSource: ['id'] } } },
						{
							displayName: 'Media Source',
							name: 'mediaSource',
							type: 'options',
							default: 'id',
							options: [
								{ name: 'Media ID', value: 'id' },
								{ name: 'Link', value: 'link' },
								{ name: 'Binary Data', value: 'binary' },
							],
							displayOptions: { show: { type: MEDIA_TYPES } },
						},
						{ displayName: 'Parameter Name', name: 'parameterName', type: 'string', default: '', description: 'For templates with named parameters' },
						{ displayName: 'Text', name: 'text', type: 'string', default: '', displayOptions: { show: { type: ['text'] } } },
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							default: 'text',
							options: [
								{ name: 'Document', value: 'document' },
								{ name: 'Image', value: 'image' },
								{ name: 'Location', value: 'location' },
								{ name: 'Text', value: 'text' },
								{ name: 'Video', value: 'video' },
							],
						},
					],
				},
			],
		},
		{
			displayName: 'Body Parameters',
			name: 'bodyParameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			default: {},
			placeholder: 'Add Body Parameter',
			description: 'One per variable of the body, in order ({{1}}, {{2}}, …) or by name for named templates',
			displayOptions: { show: fieldsMode },
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [
						{ displayName: 'Amount', name: 'amount', type: 'number', typeOptions: { numberPrecision: 3 }, default: 0, displayOptions: { show: { type: ['currency'] } } },
						{ displayName: 'Currency Code', name: 'currencyCode', type: 'string', default: 'USD', displayOptions: { show: { type: ['currency'] } } },
						{
							displayName: 'Fallback Value',
							name: 'fallbackValue',
							type: 'string',
							default: '',
							description: 'The text shown to the customer, e.g. "$12.50" or "May 1, 2025"',
							displayOptions: { show: { type: ['currency', 'date_time'] } },
						},
						{ displayName: 'Parameter Name', name: 'parameterName', type: 'string', default: '', description: 'For templates with named parameters, e.g. first_name' },
						{ displayName: 'Text', name: 'text', type: 'string', default: '', displayOptions: { show: { type: ['text'] } } },
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							default: 'text',
							options: [
								{ name: 'Text', value: 'text' },
								{ name: 'Currency', value: 'currency' },
								{ name: 'Date and Time', value: 'date_time' },
							],
						},
					],
				},
			],
		},
		{
			displayName: 'Button Parameters',
			name: 'buttonParameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Button Parameter',
			description: 'Values for buttons that take one: a quick reply\'s payload, a URL button\'s suffix, a coupon code',
			displayOptions: { show: fieldsMode },
			options: [
				{
					displayName: 'Button',
					name: 'button',
					values: [
						{ displayName: 'Index', name: 'index', type: 'number', typeOptions: { minValue: 0, maxValue: 9 }, default: 0, description: 'The button\'s position in the template, from 0' },
						{
							displayName: 'Button Type',
							name: 'subType',
							type: 'options',
							default: 'quick_reply',
							options: [
								{ name: 'Quick Reply (Payload)', value: 'quick_reply' },
								{ name: 'URL (Text Suffix)', value: 'url' },
								{ name: 'Copy Code (Coupon Code)', value: 'copy_code' },
								{ name: 'Flow (Flow Token)', value: 'flow' },
							],
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
	];
}

interface ParameterInput {
	type: 'text' | 'currency' | 'date_time' | 'image' | 'video' | 'document' | 'location';
	parameterName?: unknown;
	text?: unknown;
	currencyCode?: unknown;
	amount?: unknown;
	fallbackValue?: unknown;
	media?: MediaSource;
	latitude?: unknown;
	longitude?: unknown;
	locationName?: unknown;
	locationAddress?: unknown;
}

interface ButtonInput {
	index: unknown;
	subType: 'quick_reply' | 'url' | 'copy_code' | 'flow';
	value: unknown;
}

/** Meta rejects body parameters with new lines, tabs or more than four spaces in a row (132007). */
function checkParameterText(field: string, value: unknown, max: number, inBody: boolean): string {
	const text = requireText(field, value, max);
	if (inBody && (/[\n\t]/.test(text) || / {5,}/.test(text))) fail(field, 'may not contain new lines, tabs or more than four spaces in a row');
	return text;
}

function coordinate(field: string, value: unknown, limit: number): string {
	const number = Number(asText(field, value));
	if (!Number.isFinite(number) || Math.abs(number) > limit) fail(field, `must be a number between -${limit} and ${limit}`);
	return String(number);
}

function parameter(where: string, input: ParameterInput, uploads: PendingUpload[], inBody: boolean): IDataObject {
	const built: IDataObject = { type: input.type };
	const name = asText(`${where} Parameter Name`, input.parameterName).trim();
	if (name) {
		if (name.length > 512 || !/^[a-z0-9_]+$/.test(name)) fail(`${where} Parameter Name`, `"${name}" must use lower-case letters, digits and underscores`);
		built.parameter_name = name;
	}
	switch (input.type) {
		case 'text':
			built.text = checkParameterText(`${where} Text`, input.text, inBody ? LIMITS.bodyText : LIMITS.headerText, inBody);
			break;
		case 'currency': {
			const code = asText(`${where} Currency Code`, input.currencyCode).trim().toUpperCase();
			if (!/^[A-Z]{3}$/.test(code)) fail(`${where} Currency Code`, `"${code}" is not an ISO 4217 code such as USD`);
			const amount = Number(asText(`${where} Amount`, input.amount));
			if (input.amount === '' || !Number.isFinite(amount)) fail(`${where} Amount`, 'must be a number');
			built.currency = { fallback_value: requireText(`${where} Fallback Value`, input.fallbackValue, 1024), code, amount_1000: Math.round(amount * 1000) };
			break;
		}
		case 'date_time':
			built.date_time = { fallback_value: requireText(`${where} Fallback Value`, input.fallbackValue, 1024) };
			break;
		case 'image':
		case 'video':
		case 'document':
			if (inBody) fail(`${where} Type`, `${input.type} parameters belong in the header`);
			built[input.type] = mediaObject(`${where} ${input.type}`, input.type, input.media ?? { source: 'id' }, uploads);
			break;
		case 'location': {
			if (inBody) fail(`${where} Type`, 'location parameters belong in the header');
			const location: IDataObject = { latitude: coordinate(`${where} Latitude`, input.latitude, 90), longitude: coordinate(`${where} Longitude`, input.longitude, 180) };
			const locationName = asText(`${where} Location Name`, input.locationName);
			if (locationName) location.name = locationName;
			const address = asText(`${where} Location Address`, input.locationAddress);
			if (address) location.address = address;
			built.location = location;
			break;
		}
		default:
			fail(`${where} Type`, `unknown parameter type "${String(input.type)}"`);
	}
	return built;
}

/** Meta's components, as given (JSON mode): only their shape is checked, nothing is rewritten. */
function jsonComponents(value: unknown): IDataObject[] {
	if (typeof value === 'string' && !value.trim()) return [];
	let parsed = parseJsonParameter('Components (JSON)', value);
	if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && Array.isArray((parsed as IDataObject).components)) {
		parsed = (parsed as IDataObject).components;
	}
	if (!Array.isArray(parsed)) fail('Components (JSON)', 'must be an array of components, e.g. [{"type":"body","parameters":[…]}]');
	(parsed as IDataObject[]).forEach((component, index) => {
		const where = `Components (JSON) ${index + 1}`;
		if (!component || typeof component !== 'object') fail(where, 'must be a component object such as {"type":"body","parameters":[…]}');
		const type = String(component.type ?? '').toLowerCase();
		if (!COMPONENT_TYPES.includes(type)) fail(where, `has an unknown type "${type}"; Meta's types are ${COMPONENT_TYPES.join(', ')}`);
		if (type === 'button' && (component.index === undefined || !component.sub_type)) fail(where, 'a button needs sub_type and index');
	});
	return parsed as IDataObject[];
}

function buttonComponents(buttons: ButtonInput[]): IDataObject[] {
	const seen = new Set<number>();
	return buttons.map((button) => {
		const index = Number(button.index);
		if (!Number.isInteger(index) || index < LIMITS.buttonIndex.min || index > LIMITS.buttonIndex.max) {
			fail('Button Index', `${String(button.index)} must be a whole number from 0 to 9 (the button's position in the template)`);
		}
		if (seen.has(index)) fail('Button Index', `${index} is given twice`);
		seen.add(index);
		const value = requireText(`Button ${index} Value`, button.value, button.subType === 'url' ? 2000 : 256);
		let param: IDataObject;
		if (button.subType === 'quick_reply') param = { type: 'payload', payload: value };
		else if (button.subType === 'copy_code') param = { type: 'coupon_code', coupon_code: requireText(`Button ${index} Value`, value, 15) };
		else if (button.subType === 'flow') param = { type: 'action', action: { flow_token: value } };
		else param = { type: 'text', text: value };
		return { type: 'button', sub_type: button.subType, index: String(index), parameters: [param] };
	});
}

async function headerInput(read: ParameterReader): Promise<ParameterInput | undefined> {
	const values = read.get<IDataObject>('headerParameter', {}).parameter as IDataObject | undefined;
	if (!values) return undefined;
	const header = { ...(values as unknown as ParameterInput) };
	if (MEDIA_TYPES.includes(String(values.type))) {
		const source = String(values.mediaSource ?? 'id') as MediaSource['source'];
		if (source === 'binary') {
			const binaryPropertyName = String(values.binaryPropertyName ?? 'data');
			header.media = { source, binaryPropertyName, file: await read.binaryFile(binaryPropertyName) };
		} else header.media = { source, id: values.mediaId, link: values.mediaLink };
	}
	return header;
}

/** "name|language" from the Template locator. */
export function templateNameAndLanguage(value: unknown): { name: string; language: string } {
	const text = asText('Template', value).trim();
	const [name, language, ...rest] = text.split('|');
	if (!name || !language || rest.length) fail('Template', `"${text}" must be a template name and language code separated by |, e.g. order_shipped|en_US`);
	checkTemplateName('Template', name.trim());
	checkLanguage('Template', language.trim());
	return { name: name.trim(), language: language.trim() };
}

/** A template message: name and language, with parameters from the node's fields or Meta's JSON components. */
export async function buildTemplate(read: ParameterReader): Promise<BuiltContent> {
	const { name, language } = templateNameAndLanguage(read.get('template', '', { extractValue: true }));
	const uploads: PendingUpload[] = [];
	let components: IDataObject[];
	if (read.get('templateParameterInput', 'fields') === 'json') {
		components = jsonComponents(read.get('templateComponentsJson', '[]'));
	} else {
		components = [];
		const header = await headerInput(read);
		if (header) components.push({ type: 'header', parameters: [parameter('Header', header, uploads, false)] });
		const body = (read.get<IDataObject>('bodyParameters', {}).parameter ?? []) as ParameterInput[];
		const named = body.filter((entry) => asText('Body Parameter Name', entry.parameterName).trim()).length;
		if (named && named !== body.length) fail('Body Parameters', 'give every parameter a name (named template) or none (positional template); they cannot mix');
		if (body.length) components.push({ type: 'body', parameters: body.map((entry, index) => parameter(`Body Parameter ${index + 1}`, entry, uploads, true)) });
		components.push(...buttonComponents((read.get<IDataObject>('buttonParameters', {}).button ?? []) as ButtonInput[]));
	}
	const content: IDataObject = { name, language: { code: language } };
	if (components.length) content.components = components;
	return { type: 'template', content, uploads };
}
