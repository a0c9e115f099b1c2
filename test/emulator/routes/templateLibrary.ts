import { invalidParameter } from '../graphError';
import { paginate } from '../paging';
import { emitWebhook } from '../platformEvents';
import { selfUrl } from './core';
import type { Route } from './types';

type Json = Record<string, unknown>;

/** A few templates of Meta's template library, in the shape GET /message_template_library answers. */
export const LIBRARY: Json[] = [
	{
		name: 'delivery_update_1',
		language: 'en_US',
		category: 'UTILITY',
		topic: 'ORDER_MANAGEMENT',
		usecase: 'SHIPMENT_CONFIRMATION',
		industry: ['E_COMMERCE'],
		header: 'Your order is on its way',
		body: 'Good news! Your order {{1}} has shipped and should arrive {{2}}.',
		body_params: ['#12345', 'on Friday'],
		buttons: [{ type: 'URL', text: 'Track order', url: 'https://www.example.com/{{1}}' }],
	},
	{
		name: 'payment_reminder_1',
		language: 'en_US',
		category: 'UTILITY',
		topic: 'PAYMENTS',
		usecase: 'PAYMENT_REMINDER',
		industry: ['FINANCIAL_SERVICES'],
		body: 'Reminder: your payment of {{1}} is due on {{2}}.',
		body_params: ['$25.00', 'June 1'],
		buttons: [{ type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+15550000000' }],
	},
	{
		name: 'verify_code_1',
		language: 'en_US',
		category: 'AUTHENTICATION',
		topic: 'ACCOUNT_UPDATES',
		usecase: 'VERIFICATION',
		industry: ['E_COMMERCE', 'FINANCIAL_SERVICES'],
		body: '{{1}} is your verification code.',
		buttons: [{ type: 'OTP', text: 'Copy code' }],
	},
];

const matches = (template: Json, query: Record<string, string>) =>
	(!query.search || JSON.stringify(template).toLowerCase().includes(query.search.toLowerCase())) &&
	(!query.topic || template.topic === query.topic) &&
	(!query.usecase || template.usecase === query.usecase) &&
	(!query.industry || (template.industry as string[]).includes(query.industry)) &&
	(!query.language || template.language === query.language);

/** The components a library template becomes, with the business's button inputs filled in. */
function componentsOf(library: Json, inputs: Json[]): Json[] {
	const buttons = library.buttons as Json[];
	const needing = buttons.filter((button) => button.type === 'URL' || button.type === 'PHONE_NUMBER');
	for (const button of needing) {
		if (!inputs.some((input) => input.type === button.type)) throw invalidParameter(`library_template_button_inputs: the ${String(button.type)} button "${String(button.text)}" needs an input`);
	}
	const components: Json[] = [];
	if (library.header) components.push({ type: 'HEADER', format: 'TEXT', text: library.header });
	components.push({ type: 'BODY', text: library.body, ...(library.body_params ? { example: { body_text: [library.body_params] } } : {}) });
	components.push({
		type: 'BUTTONS',
		buttons: buttons.map((button) => {
			const input = inputs.find((candidate) => candidate.type === button.type) ?? {};
			if (button.type === 'URL') return { type: 'URL', text: button.text, url: String((input.url as Json)?.base_url ?? '') };
			if (button.type === 'PHONE_NUMBER') return { type: 'PHONE_NUMBER', text: button.text, phone_number: String(input.phone_number ?? '') };
			return { type: 'OTP', text: button.text, otp_type: String(input.otp_type ?? 'COPY_CODE') };
		}),
	});
	return components;
}

export const templateLibraryRoutes: Route[] = [
	{
		method: 'GET',
		target: 'templateLibrary',
		handler: (context) => paginate(LIBRARY.filter((template) => matches(template, context.req.query)), context.req.query, selfUrl(context), 25, context.emulator.options.maxPageSize ?? 100),
	},
	{
		method: 'POST',
		target: 'waba',
		edge: 'message_templates',
		when: (req) => (req.params as Json).library_template_name !== undefined,
		handler: (context) => {
			const params = context.req.params as Json;
			const { name, category, language } = params;
			if (typeof name !== 'string' || !/^[a-z0-9_]{1,512}$/.test(name)) throw invalidParameter('Template name can only contain lowercase alphanumeric characters and underscores ( _ )', 2388024);
			const library = LIBRARY.find((template) => template.name === params.library_template_name && template.language === language);
			if (!library) throw invalidParameter(`library_template_name ${String(params.library_template_name)} does not exist in ${String(language)}`);
			if (category !== library.category) throw invalidParameter(`The library template ${String(library.name)} is ${String(library.category)}, not ${String(category)}`);
			const waba = context.object!;
			if (context.state.list('template', (template) => template.wabaId === waba.id && template.name === name && template.language === language).length) {
				throw invalidParameter(`A template called ${name} already exists in ${String(language)}`, 2388023);
			}
			const inputs = (params.library_template_button_inputs ?? []) as Json[];
			const template = context.state.add({
				id: context.state.newId(),
				type: 'template',
				wabaId: waba.id,
				name,
				language: String(language),
				category: String(category),
				status: 'APPROVED',
				parameter_format: 'POSITIONAL',
				library_template_name: library.name,
				components: componentsOf(library, inputs),
			});
			// Library templates are approved at once; Meta says so with the status webhook.
			emitWebhook(context, waba.id, 'message_template_status_update', { event: 'APPROVED', message_template_id: Number(template.id), message_template_name: name, message_template_language: language, reason: 'NONE' });
			return { id: template.id, status: 'APPROVED', category };
		},
	},
	{
		method: 'GET',
		target: 'template',
		edge: 'compare',
		handler: ({ object, req, state }) => {
			let others: unknown;
			try {
				others = JSON.parse(String(req.query.template_ids ?? ''));
			} catch {
				others = undefined;
			}
			if (!Array.isArray(others) || others.length !== 1) throw invalidParameter('template_ids must be a JSON array with one template ID');
			const other = state.get(String(others[0]));
			if (!other || other.type !== 'template' || other.wabaId !== object!.wabaId) throw invalidParameter('Both templates must belong to the same WhatsApp Business Account');
			const days = (Number(req.query.end) - Number(req.query.start)) / 86_400;
			if (![7, 30, 60, 90].includes(Math.round(days))) throw invalidParameter('start and end must span 7, 30, 60 or 90 days');
			const ids = [object!.id, other.id];
			return {
				data: [
					{ metric: 'BLOCK_RATE', type: 'RELATIVE', order_by_relative_metric: ids },
					{ metric: 'MESSAGE_SENDS', type: 'NUMBER_VALUES', number_values: ids.map((key, index) => ({ key, value: 1200 - index * 300 })) },
					{ metric: 'TOP_BLOCK_REASON', type: 'STRING_VALUES', string_values: ids.map((key) => ({ key, value: 'NO_LONGER_NEEDED' })) },
				],
			};
		},
	},
];
