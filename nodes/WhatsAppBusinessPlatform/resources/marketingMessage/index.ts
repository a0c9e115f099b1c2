import type { INodeProperties } from 'n8n-workflow';

import { perItemOperations } from '../../shared/customOperation';
import { getOnboardingStatus, getOnboardingStatusFields } from './getOnboardingStatus';
import { send, sendMarketingMessage } from './send';

export const marketingMessageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['marketingMessage'] } },
		default: 'send',
		options: [
			{ name: 'Get Onboarding Status', value: 'getOnboardingStatus', action: 'Get marketing messages onboarding status', description: 'Read whether the account is eligible for and onboarded to the Marketing Messages API' },
			{ name: 'Send', value: 'send', action: 'Send a marketing message', description: 'Send a marketing template through the Marketing Messages API (optimised delivery, activity sharing)' },
		],
	},
	...sendMarketingMessage,
	...getOnboardingStatusFields,
];

// Marketing templates may carry header media from binary data and Meta's refusals are explained, so these run as code.
export const marketingMessageCustomOperations = perItemOperations({ send, getOnboardingStatus });
