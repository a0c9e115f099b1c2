import type { IWebhookDescription } from 'n8n-workflow';

export { sendAndWait } from './execute';
export { SEND_AND_WAIT, sendAndWaitFields } from './fields';
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
