import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { accountDescription } from './resources/account';
import { assignedUserDescription } from './resources/assignedUser';
import { blockedUserCustomOperations, blockedUserDescription } from './resources/blockedUser';
import { callingCustomOperations, callingDescription } from './resources/calling';
import { creditLineDescription } from './resources/creditLine';
import { flowCustomOperations, flowDescription } from './resources/flow';
import { groupCustomOperations, groupDescription } from './resources/group';
import { marketingMessageCustomOperations, marketingMessageDescription } from './resources/marketingMessage';
import { mediaDescription } from './resources/media';
import { mediaCustomOperations } from './resources/media/custom';
import { messageDescription } from './resources/message';
import { messageCustomOperations } from './resources/message/custom';
import { phoneNumberDescription } from './resources/phoneNumber';
import { qrCodeCustomOperations, qrCodeDescription } from './resources/qrCode';
import { templateDescription } from './resources/template';
import { rateLimitHandling } from './shared/commonFields';
import { deferPreSendErrors } from './shared/pairing';
import { searchPhoneNumbers, searchTemplates, searchTemplatesForSending, searchWabas } from './shared/locators';
import { sendRoutedRequest } from './shared/transport';

export class WhatsAppBusinessPlatform implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Business Platform',
		name: 'whatsAppBusinessPlatform',
		icon: { light: 'file:../../icons/whatsapp.svg', dark: 'file:../../icons/whatsapp.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send WhatsApp messages and manage WhatsApp Business Accounts, templates, phone numbers, media, users, credit lines, groups, Flows, QR codes, blocklists and calling settings through Meta\'s Graph API',
		defaults: { name: 'WhatsApp Business Platform' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatsAppBusinessPlatformApi', required: true }],
		requestDefaults: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{$credentials.graphApiVersion}}',
			headers: { Accept: 'application/json' },
		},
		// Every declarative request goes through the transport (retries, cursor pages, error mapping).
		requestOperations: { pagination: sendRoutedRequest },
		// preSend errors are paired with their item by the transport (see shared/pairing).
		properties: deferPreSendErrors([
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'message',
				options: [
					{ name: 'Account', value: 'account', description: 'WhatsApp Business Accounts (WABAs): details, settings, analytics, webhook subscriptions' },
					{ name: 'Assigned User', value: 'assignedUser', description: 'People and system users who can work on a WhatsApp Business Account' },
					{ name: 'Blocked User', value: 'blockedUser', description: 'Users a business number has blocked: block, unblock, list' },
					{ name: 'Calling', value: 'calling', description: 'Calling settings of a number and customers\' call permissions (no audio)' },
					{ name: 'Credit Line', value: 'creditLine', description: 'Solution partners\' credit lines shared with client accounts' },
					{ name: 'Flow', value: 'flow', description: 'WhatsApp Flows: forms and screens inside a chat; create, upload Flow JSON, publish, preview, metrics' },
					{ name: 'Group', value: 'group', description: 'WhatsApp groups of a business number: create, invite links, join requests, participants' },
					{ name: 'Marketing Message', value: 'marketingMessage', description: 'Marketing templates through the Marketing Messages API, and onboarding status' },
					{ name: 'Media', value: 'media', description: 'Images, videos, audio, documents and stickers stored at Meta' },
					{ name: 'Message', value: 'message', description: 'Send messages and templates, mark messages as read' },
					{ name: 'Phone Number', value: 'phoneNumber', description: 'Business phone numbers: registration, verification, business profile' },
					{ name: 'QR Code', value: 'qrCode', description: 'QR codes and wa.me links that open a chat with a prefilled message' },
					{ name: 'Template', value: 'template', description: 'Message templates: create, review, edit, delete' },
				],
				// Turns on requestOperations.pagination above for every operation.
				routing: { send: { paginate: true } },
			},
			...accountDescription,
			...templateDescription,
			...phoneNumberDescription,
			...messageDescription,
			...mediaDescription,
			...assignedUserDescription,
			...creditLineDescription,
			...blockedUserDescription,
			...qrCodeDescription,
			...flowDescription,
			...groupDescription,
			...callingDescription,
			...marketingMessageDescription,
			rateLimitHandling,
		]),
	};

	// Sends need a governor (throughput, pair limits, no duplicates) and media needs binary data:
	// n8n's routing prepares every item up front and fires them all at once, so these run as code.
	customOperations = {
		message: messageCustomOperations,
		media: mediaCustomOperations,
		blockedUser: blockedUserCustomOperations,
		qrCode: qrCodeCustomOperations,
		flow: flowCustomOperations,
		group: groupCustomOperations,
		calling: callingCustomOperations,
		marketingMessage: marketingMessageCustomOperations,
	};

	methods = {
		listSearch: { searchWabas, searchPhoneNumbers, searchTemplates, searchTemplatesForSending },
	};
}
