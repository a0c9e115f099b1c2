import type { ICredentialType, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';

import { WhatsAppBusinessPlatformApi } from '../../credentials/WhatsAppBusinessPlatformApi.credentials';
import { WhatsAppBusinessPlatform } from '../../nodes/WhatsAppBusinessPlatform/WhatsAppBusinessPlatform.node';
import { WhatsAppBusinessPlatformSendAndWait } from '../../nodes/WhatsAppBusinessPlatformSendAndWait/WhatsAppBusinessPlatformSendAndWait.node';
import { WhatsAppBusinessPlatformTrigger } from '../../nodes/WhatsAppBusinessPlatformTrigger/WhatsAppBusinessPlatformTrigger.node';

export const PACKAGE = 'n8n-nodes-whatsapp-business-platform';
export const ACTION_NODE_TYPE = `${PACKAGE}.whatsAppBusinessPlatform`;
export const TRIGGER_NODE_TYPE = `${PACKAGE}.whatsAppBusinessPlatformTrigger`;
export const SEND_AND_WAIT_NODE_TYPE = `${PACKAGE}.whatsAppBusinessPlatformSendAndWait`;

const registered = new Map<string, INodeType>([
	[ACTION_NODE_TYPE, new WhatsAppBusinessPlatform()],
	[TRIGGER_NODE_TYPE, new WhatsAppBusinessPlatformTrigger()],
	[SEND_AND_WAIT_NODE_TYPE, new WhatsAppBusinessPlatformSendAndWait()],
]);

/** Lets a test register another node (the trigger) under its package name. */
export function registerNodeType(name: string, nodeType: INodeType): void {
	registered.set(name, nodeType);
}

/** The node types of this package, as n8n's loader would register them. */
export const nodeTypes: INodeTypes = {
	getByName(name: string): INodeType | IVersionedNodeType {
		const nodeType = registered.get(name);
		if (!nodeType) throw new Error(`Unknown node type ${name}`);
		return nodeType;
	},
	getByNameAndVersion(name: string): INodeType {
		const nodeType = registered.get(name);
		if (!nodeType) throw new Error(`Unknown node type ${name}`);
		return nodeType;
	},
	getKnownTypes() {
		return {};
	},
};

export const credentialTypes: Record<string, ICredentialType> = {
	whatsAppBusinessPlatformApi: new WhatsAppBusinessPlatformApi(),
};
