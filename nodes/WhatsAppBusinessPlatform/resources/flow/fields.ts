import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { checkGraphId, InputError } from '../../shared/validation';
import { jsonErrorOffset } from './jsonError';

export const show = (operation: string | string[]) => ({ resource: ['flow'], operation: Array.isArray(operation) ? operation : [operation] });

/** Flow categories Meta documents (Flows API → create). */
export const FLOW_CATEGORIES: Array<[string, string]> = [
	['APPOINTMENT_BOOKING', 'Appointment Booking'],
	['CONTACT_US', 'Contact Us'],
	['CUSTOMER_SUPPORT', 'Customer Support'],
	['LEAD_GENERATION', 'Lead Generation'],
	['OTHER', 'Other'],
	['SIGN_IN', 'Sign In'],
	['SIGN_UP', 'Sign Up'],
	['SURVEY', 'Survey'],
];

/** Meta's limit on an uploaded Flow JSON file. */
export const FLOW_JSON_MAX_BYTES = 10 * 1024 * 1024;

export const flowIdField = (operations: string[], description: string): INodeProperties => ({
	displayName: 'Flow ID',
	name: 'flowId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '1357920198765432',
	description: `${description} WhatsApp Manager → Account tools → Flows shows it, and Get Many lists it`,
	displayOptions: { show: show(operations) },
});

export const categoriesField = (operations: string[], required: boolean): INodeProperties => ({
	displayName: 'Categories',
	name: 'categories',
	type: 'multiOptions',
	required,
	default: [],
	description: 'What the Flow is for (Meta uses this to describe it; pick at least one)',
	displayOptions: { show: show(operations) },
	options: FLOW_CATEGORIES.map(([value, name]) => ({ name, value })),
});

export function flowIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const flowId = String(context.getNodeParameter('flowId', itemIndex, '')).trim();
	checkGraphId('Flow ID', flowId);
	return flowId;
}

/** Where the Flow JSON comes from: a parameter or a binary file. */
const FLOW_JSON_SOURCES = [
	{ name: 'Field Below', value: 'parameter', description: 'Paste the Flow JSON or build it with an expression' },
	{ name: 'Binary File', value: 'binary', description: 'A Flow JSON file from an earlier node (e.g. Read Files, HTTP Request)' },
];

/** Where the Flow JSON comes from: a parameter or a binary file (or, when creating, nowhere yet). */
export const flowJsonSourceFields = (operations: string[], withNone: boolean): INodeProperties[] => [
	withNone
		? {
				displayName: 'Flow JSON From',
				name: 'flowJsonSource',
				type: 'options',
				default: 'none',
				description: 'Where the Flow\'s screens (Flow JSON) come from',
				displayOptions: { show: show(operations) },
				options: [{ name: 'None (Add Later)', value: 'none' }, ...FLOW_JSON_SOURCES],
			}
		: {
				displayName: 'Flow JSON From',
				name: 'flowJsonSource',
				type: 'options',
				default: 'parameter',
				description: 'Where the Flow\'s screens (Flow JSON) come from',
				displayOptions: { show: show(operations) },
				options: FLOW_JSON_SOURCES,
			},
	{
		displayName: 'Flow JSON',
		name: 'flowJson',
		type: 'json',
		default: '{\n  "version": "7.2",\n  "screens": []\n}',
		description: 'The Flow JSON: its version and screens, as built in the Flow Builder in WhatsApp Manager',
		displayOptions: { show: { ...show(operations), flowJsonSource: ['parameter'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		description: 'The name of the binary field that holds the Flow JSON file',
		displayOptions: { show: { ...show(operations), flowJsonSource: ['binary'] } },
	},
];

/** Line and column (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): string {
	const before = text.slice(0, offset).split('\n');
	return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/** Checks what Meta checks first: size, valid JSON, a version and a list of screens. Returns the text to upload. */
export function checkFlowJson(text: string): string {
	const size = Buffer.byteLength(text, 'utf8');
	if (size > FLOW_JSON_MAX_BYTES) throw new InputError('Flow JSON', `at most ${FLOW_JSON_MAX_BYTES / 1024 / 1024} MB allowed, got ${(size / 1024 / 1024).toFixed(1)} MB`);
	let parsed: unknown;
	let problem: string | undefined;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		problem = (error as Error).message;
	}
	if (problem !== undefined) {
		const offset = jsonErrorOffset(text);
		throw new InputError('Flow JSON', `is not valid JSON${offset !== undefined ? ` at ${lineAndColumn(text, offset)}` : ''} (${problem})`);
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InputError('Flow JSON', 'must be an object with "version" and "screens"');
	const flow = parsed as IDataObject;
	if (typeof flow.version !== 'string' || !flow.version) throw new InputError('Flow JSON', 'needs a "version", e.g. "7.2"');
	if (!Array.isArray(flow.screens)) throw new InputError('Flow JSON', 'needs a "screens" list');
	return text;
}

/** The Flow JSON of the item, from the parameter or a binary file, checked. */
export async function flowJsonOf(context: IExecuteFunctions, itemIndex: number): Promise<string | undefined> {
	const source = String(context.getNodeParameter('flowJsonSource', itemIndex, 'parameter'));
	if (source === 'none') return undefined;
	if (source === 'binary') {
		const property = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
		if (!context.getInputData()[itemIndex]?.binary?.[property]) throw new InputError('Input Binary Field', `the item has no binary data in "${property}"`);
		const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, property);
		return checkFlowJson(bytes.toString('utf8'));
	}
	const value = context.getNodeParameter('flowJson', itemIndex, '');
	return checkFlowJson(typeof value === 'string' ? value : JSON.stringify(value));
}

export const failOnValidationErrorsField = (operations: string[]): INodeProperties => ({
	displayName: 'Fail on Validation Errors',
	name: 'failOnValidationErrors',
	type: 'boolean',
	default: true,
	description: 'Whether the node stops with Meta\'s validation errors (line and column of each) when the Flow JSON has problems; when off, they are in the output and the Flow stays a draft',
	displayOptions: { show: show(operations) },
});

interface ValidationError extends IDataObject {
	error?: string;
	error_type?: string;
	message?: string;
	line_start?: number;
	line_end?: number;
	column_start?: number;
	column_end?: number;
}

/** "line 46, column 17–30: The property … (INVALID_PROPERTY)" for each of Meta's validation errors. */
export function describeValidationErrors(errors: ValidationError[]): string[] {
	return errors.map((error) => {
		const columns = error.column_end !== undefined && error.column_end !== error.column_start ? `${error.column_start}–${error.column_end}` : `${error.column_start}`;
		const where = error.line_start !== undefined ? `line ${error.line_start}, column ${columns}: ` : '';
		return `${where}${error.message ?? 'invalid'} (${error.error ?? error.error_type ?? 'error'})`;
	});
}

/** Stops with Meta's validation errors when the user wants that. */
export function checkValidation(context: IExecuteFunctions, itemIndex: number, answer: IDataObject, flowId: string): void {
	const errors = (answer.validation_errors ?? []) as ValidationError[];
	if (!errors.length || !context.getNodeParameter('failOnValidationErrors', itemIndex, true)) return;
	throw new NodeOperationError(context.getNode(), `Meta found ${errors.length} problem${errors.length === 1 ? '' : 's'} in the Flow JSON of Flow ${flowId}`, {
		itemIndex,
		description: [
			...describeValidationErrors(errors),
			'What to do: fix these places in the Flow JSON and upload it again (Flow → Upload Flow JSON). The Flow stays a draft and cannot be published until Meta finds no problems.',
		].join('\n'),
	});
}
