/** The side-by-side bench's workflows and credentials: this package's nodes and n8n's built-in WhatsApp nodes. */
import { randomUUID } from 'node:crypto';

export const OUR_NODE = 'n8n-nodes-whatsapp-business-platform.whatsAppBusinessPlatform';
export const OUR_TRIGGER = 'n8n-nodes-whatsapp-business-platform.whatsAppBusinessPlatformTrigger';
export const BUILT_IN_NODE = 'n8n-nodes-base.whatsApp';
export const BUILT_IN_TRIGGER = 'n8n-nodes-base.whatsAppTrigger';

export interface CredentialRef {
	id: string;
	name: string;
}

type Node = Record<string, unknown>;

const node = (name: string, type: string, typeVersion: number, position: [number, number], parameters: Record<string, unknown>, extra: Node = {}): Node => ({
	id: randomUUID(),
	name,
	type,
	typeVersion,
	position,
	parameters,
	...extra,
});

/** Recipient of item n: +1555 followed by 7 digits; `offset` keeps the two runs' recipients apart. */
const itemsCode = (count: number, offset: number) =>
	`return Array.from({ length: ${count} }, (_, n) => ({ json: { phone: '+1555' + String(${1_000_000 + offset} + n).padStart(7, '0'), n } }));`;

function sendWorkflow(name: string, count: number, offset: number, sender: Node): Record<string, unknown> {
	return {
		name,
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, [0, 0], {}),
			node('Make items', 'n8n-nodes-base.code', 2, [220, 0], { jsCode: itemsCode(count, offset) }),
			{ ...sender, name: 'Send', position: [440, 0] },
		],
		connections: {
			Start: { main: [[{ node: 'Make items', type: 'main', index: 0 }]] },
			'Make items': { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Manual Trigger → Code (N items) → this package's node, paced at `messagesPerSecond`. */
export function ourSendWorkflow(count: number, phoneNumberId: string, credential: CredentialRef, messagesPerSecond: number, offset = 0) {
	return sendWorkflow('Bench: send with this package', count, offset, node('Send', OUR_NODE, 1, [0, 0], {
		resource: 'message',
		operation: 'send',
		phoneNumberId: { __rl: true, mode: 'id', value: phoneNumberId },
		to: '={{ $json.phone }}',
		messageType: 'text',
		textBody: '=Your order {{ $json.n }} has shipped.',
		messagesPerSecond,
		rateLimitHandling: { maxRetries: 10, maxWaitSeconds: 120 },
	}, { credentials: { whatsAppBusinessPlatformApi: credential }, onError: 'continueRegularOutput' }));
}

/** Manual Trigger → Code (N items) → n8n's built-in WhatsApp Business Cloud node (no pacing option exists). */
export function builtInSendWorkflow(count: number, phoneNumberId: string, credential: CredentialRef) {
	return sendWorkflow('Bench: send with the built-in node', count, 500_000, node('Send', BUILT_IN_NODE, 1.1, [0, 0], {
		resource: 'message',
		operation: 'send',
		phoneNumberId,
		recipientPhoneNumber: '={{ $json.phone }}',
		messageType: 'text',
		textBody: '=Your order {{ $json.n }} has shipped.',
	}, { credentials: { whatsAppApi: credential }, onError: 'continueRegularOutput' }));
}

function triggerWorkflow(name: string, trigger: Node) {
	return {
		name,
		nodes: [trigger, node('Done', 'n8n-nodes-base.noOp', 1, [220, 0], {})],
		connections: { [String(trigger.name)]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** This package's trigger in automatic mode (subscribes the WABA with an override callback on publish). */
export function ourTriggerWorkflow(wabaId: string, credential: CredentialRef) {
	const webhookId = randomUUID();
	const workflow = triggerWorkflow('Bench: this package\'s trigger', node('Trigger', OUR_TRIGGER, 1, [0, 0], {
		subscriptionMode: 'automatic',
		wabaId: { __rl: true, mode: 'id', value: wabaId },
		events: ['messages'],
		options: {},
	}, { webhookId, credentials: { whatsAppBusinessPlatformApi: credential } }));
	return { workflow, webhookId, triggerName: 'Trigger' };
}

/** n8n's built-in WhatsApp Trigger (subscribes the app with /{app-id}/subscriptions on publish). */
export function builtInTriggerWorkflow(credential: CredentialRef) {
	const webhookId = randomUUID();
	const workflow = triggerWorkflow('Bench: built-in WhatsApp Trigger', node('Trigger', BUILT_IN_TRIGGER, 1, [0, 0], {
		updates: ['messages'],
		options: {},
	}, { webhookId, credentials: { whatsAppTriggerApi: credential } }));
	return { workflow, webhookId, triggerName: 'Trigger' };
}
