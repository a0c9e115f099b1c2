import { randomBytes } from 'crypto';
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { graphRequest } from '../../../shared/transport';

interface WebhookConfiguration {
	phone_number?: string;
	whatsapp_business_account?: string;
	application?: string;
}

const HOW_TO =
	'Publish a workflow with a WhatsApp Business Platform Trigger for this number\'s WhatsApp Business Account (Trigger On: Messages), using a credential of the same Meta app, then run this node again. To send anyway, switch off "Check for an Active Trigger" in the options.';

/** Where Meta sends this number's `messages` webhooks: the phone number's override, the WABA's, or the app's callback. */
async function callbackUrlOf(context: IExecuteFunctions, phoneNumberId: string): Promise<string | undefined> {
	const response = (await graphRequest.call(context, { url: `/${phoneNumberId}`, qs: { fields: 'webhook_configuration' } })) as IDataObject;
	const configuration = (response.webhook_configuration ?? {}) as WebhookConfiguration;
	return configuration.phone_number || configuration.whatsapp_business_account || configuration.application || undefined;
}

/**
 * Before a question goes out, proves that an active trigger of this package receives the number's
 * messages: Meta's callback URL for the number must answer the verification handshake with the
 * credential's verify token, as the trigger does. A question nobody can answer is worse than none.
 */
export async function assertTriggerListening(context: IExecuteFunctions, phoneNumberId: string, verifyToken: string): Promise<string> {
	const node = context.getNode();
	const callbackUrl = await callbackUrlOf(context, phoneNumberId);
	if (!callbackUrl) {
		throw new NodeOperationError(node, 'No webhook receives this number\'s messages, so the answer could not reach this execution', { description: HOW_TO });
	}
	if (!verifyToken) {
		throw new NodeOperationError(node, 'The credential has no Webhook Verify Token, so this node cannot check that a trigger receives the answer', {
			description: `Enter the same verify token as the trigger's credential, or switch off "Check for an Active Trigger". ${HOW_TO}`,
		});
	}
	const challenge = randomBytes(12).toString('hex');
	let status = 0;
	let body = '';
	try {
		const response = (await context.helpers.httpRequest({
			method: 'GET',
			url: callbackUrl,
			qs: { 'hub.mode': 'subscribe', 'hub.verify_token': verifyToken, 'hub.challenge': challenge },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
			timeout: 10_000,
		})) as IDataObject;
		status = Number(response.statusCode ?? 0);
		body = String(response.body ?? '').trim();
	} catch (error) {
		body = (error as Error).message;
	}
	if (status === 200 && body === challenge) return callbackUrl;
	const why =
		status === 404
			? 'nothing is active there (is the trigger\'s workflow published?)'
			: status === 403
				? 'it refused the verify token of this node\'s credential (is it a trigger with a credential of the same app?)'
				: `it answered ${status || 'nothing'}${body ? `: ${body.slice(0, 200)}` : ''}`;
	throw new NodeOperationError(node, 'No active WhatsApp Business Platform Trigger receives this number\'s messages', {
		description: `Meta sends this number's messages to ${callbackUrl}, but ${why}. ${HOW_TO}`,
	});
}
