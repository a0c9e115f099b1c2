import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneTarget } from '../../shared/phoneTarget';
import { userNumberDigits } from '../../shared/userNumber';
import { checkMaxLength } from '../../shared/validation';
import { callingRequest, phoneNumberIdOf, show } from './fields';

/** Meta's limit on the text of an interactive message body. */
const BODY_MAX = 1024;

const customerField = (operation: string, description: string): INodeProperties => ({
	displayName: 'Customer Phone Number',
	name: 'customer',
	type: 'string',
	required: true,
	default: '',
	placeholder: '+16505551234',
	description,
	displayOptions: { show: show(operation) },
});

export const sendPermissionRequestFields: INodeProperties[] = [
	...phoneTarget(show('sendPermissionRequest'), 'The business phone number that wants to call'),
	customerField('sendPermissionRequest', 'Who to ask, with the country code. Free-form, so the customer must have written in the last 24 hours.'),
	{
		displayName: 'Message',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'We would like to call you about your order.',
		description: `Why you want to call, shown above the Allow / Decline buttons (optional, at most ${BODY_MAX} characters)`,
		displayOptions: { show: show('sendPermissionRequest') },
	},
];

export const getPermissionFields: INodeProperties[] = [
	...phoneTarget(show('getPermission'), 'The business phone number that wants to call'),
	customerField('getPermission', 'Whose permission to read, with the country code.'),
];

/** Asks a customer for permission to call (interactive call_permission_request message). */
export async function sendPermissionRequest(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const phoneNumberId = phoneNumberIdOf(this, itemIndex);
	const to = userNumberDigits('Customer Phone Number', this.getNodeParameter('customer', itemIndex, ''));
	const body = String(this.getNodeParameter('body', itemIndex, ''));
	checkMaxLength('Message', body, BODY_MAX);
	const answer = await callingRequest(this, {
		method: 'POST',
		url: `/${phoneNumberId}/messages`,
		body: {
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to,
			type: 'interactive',
			interactive: { type: 'call_permission_request', action: { name: 'call_permission_request' }, ...(body.trim() ? { body: { text: body } } : {}) },
		},
		itemIndex,
	});
	const [message] = (answer.messages ?? []) as Array<{ id?: string }>;
	return [{ json: { ...answer, messageId: message?.id ?? null, phoneNumberId, to } }];
}

/** The customer's call permission and which calling actions are open, with their limits. */
export async function getPermission(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const phoneNumberId = phoneNumberIdOf(this, itemIndex);
	const waId = userNumberDigits('Customer Phone Number', this.getNodeParameter('customer', itemIndex, ''));
	const answer = await callingRequest(this, { url: `/${phoneNumberId}/call_permissions`, qs: { user_wa_id: waId }, itemIndex });
	return [{ json: { ...answer, phoneNumberId, wa_id: waId } }];
}
