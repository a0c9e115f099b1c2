import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';

import { phoneNumberLocator, wabaLocator } from '../../../shared/locatorFields';
import { SEND_AND_WAIT, sendAndWaitFields } from './fields';

export { sendAndWait } from './execute';
export { sendAndWaitWebhook } from './webhook';

/** The waiting execution's resume URL (`/webhook-waiting/<execution>/<node id>`), as n8n's send-and-wait nodes declare it. */
export const sendAndWaitWebhooks: IWebhookDescription[] = (['GET', 'POST'] as const).map((httpMethod) => ({
	name: 'default',
	httpMethod,
	responseMode: 'onReceived',
	responseData: '',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
}));

export const SEND_AND_WAIT_TOOLTIP = '={{ $parameter["operation"] === "sendAndWait" ? "Execution continues when the customer answers in WhatsApp" : "" }}';

const show = { resource: ['message'], operation: [SEND_AND_WAIT] };

/**
 * Resource and operation as in the main node (Message → Send and Wait for Response), so n8n also
 * offers this node to AI agents as a human-review tool.
 */
export const sendAndWaitDescription: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'message',
		options: [{ name: 'Message', value: 'message' }],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: SEND_AND_WAIT,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Send and Wait for Response',
				value: SEND_AND_WAIT,
				action: 'Send a question and wait for the answer',
				description: 'Ask with reply buttons, a list or a form link; the execution waits until the customer answers',
			},
		],
	},
	{ ...wabaLocator(show, 'The WhatsApp Business Account; used to list its phone numbers'), required: false },
	phoneNumberLocator(show, 'The business phone number that asks (and whose trigger receives the answer)'),
	{
		displayName: 'Recipient Phone Number or User ID',
		name: 'to',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+1 555 010 1234',
		description: 'The customer who answers: a phone number with its country code, or the business-scoped user ID (userId) from the trigger',
		displayOptions: { show },
	},
	...sendAndWaitFields,
];
