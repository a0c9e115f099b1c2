import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { accountDescription } from './resources/account';
import { rateLimitHandling } from './shared/commonFields';
import { searchPhoneNumbers, searchTemplates, searchWabas } from './shared/locators';
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
			'Send WhatsApp messages and manage WhatsApp Business Accounts, templates, phone numbers, media, users and credit lines through Meta\'s Graph API',
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
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'message',
				options: [
					{ name: 'Account', value: 'account', description: 'WhatsApp Business Accounts (WABAs)' },
				],
				// Turns on requestOperations.pagination above for every operation.
				routing: { send: { paginate: true } },
			},
			...accountDescription,
			rateLimitHandling,
		],
	};

	methods = {
		listSearch: { searchWabas, searchPhoneNumbers, searchTemplates },
	};
}
