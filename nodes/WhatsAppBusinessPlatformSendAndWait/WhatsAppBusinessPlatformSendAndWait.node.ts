import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import {
	SEND_AND_WAIT_TOOLTIP,
	sendAndWait,
	sendAndWaitDescription,
	sendAndWaitWebhook,
	sendAndWaitWebhooks,
} from '../WhatsAppBusinessPlatform/resources/message/sendAndWait';
import { searchPhoneNumbers, searchWabas } from '../WhatsAppBusinessPlatform/shared/locators';

/*
 * Message → Send and Wait for Response lives in a node of its own: n8n 2.x runs the declarative
 * operations of a node type that has a webhook() without their input items, so `$json` in the main
 * node's parameters would stop working (n8n's built-in WhatsApp node broke that way, n8n issue 13929).
 */
export class WhatsAppBusinessPlatformSendAndWait implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Business Platform Send and Wait',
		name: 'whatsAppBusinessPlatformSendAndWait',
		icon: { light: 'file:../../icons/whatsapp.svg', dark: 'file:../../icons/whatsapp.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{"Send and wait: " + ($parameter["responseType"] || "approval")}}',
		description: 'Ask a WhatsApp question with reply buttons, a list or a form link, and wait for the customer\'s answer',
		defaults: { name: 'Ask on WhatsApp' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatsAppBusinessPlatformApi', required: true }],
		webhooks: sendAndWaitWebhooks,
		waitingNodeTooltip: SEND_AND_WAIT_TOOLTIP,
		properties: sendAndWaitDescription,
	};

	webhook = sendAndWaitWebhook;

	methods = {
		listSearch: { searchWabas, searchPhoneNumbers },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await sendAndWait.call(this);
	}
}
