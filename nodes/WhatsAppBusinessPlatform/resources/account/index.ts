import type { INodeProperties } from 'n8n-workflow';

import { getAccount } from './get';
import { analyticsDataPoints, buildAnalyticsRequest, getAnalytics } from './getAnalytics';
import { getAllAccounts } from './getAll';
import { getSubscribedApps } from './getSubscribedApps';
import { withIds } from '../../shared/output';
import { buildSubscribeBody, subscribeApp } from './subscribeApp';
import { unsubscribeApp } from './unsubscribeApp';
import { checkAccountUpdate, updateAccount } from './update';

export const accountDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		default: 'get',
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get an account',
				description: 'Read the details of a WhatsApp Business Account',
				routing: { request: { method: 'GET', url: '=/{{$parameter.wabaId}}' } },
			},
			{
				name: 'Get Analytics',
				value: 'getAnalytics',
				action: 'Get analytics of an account',
				description: 'Report messages, conversations, pricing or template performance over a period',
				routing: {
					request: {
						method: 'GET',
						url: '=/{{$parameter.wabaId}}{{$parameter.analyticsType === "template" ? "/template_analytics" : ""}}',
					},
					send: { preSend: [buildAnalyticsRequest] },
					output: { postReceive: [analyticsDataPoints] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many accounts',
				description: 'List the WhatsApp Business Accounts of a business',
				routing: {
					request: {
						method: 'GET',
						url: '=/{{$parameter.businessId}}/{{$parameter.ownership}}_whatsapp_business_accounts',
					},
				},
			},
			{
				name: 'Get Subscribed Apps',
				value: 'getSubscribedApps',
				action: 'Get the apps subscribed to an account',
				description: 'List the apps that receive this account\'s webhooks',
				routing: { request: { method: 'GET', url: '=/{{$parameter.wabaId}}/subscribed_apps' } },
			},
			{
				name: 'Subscribe App',
				value: 'subscribeApp',
				action: 'Subscribe the app to an account',
				description: 'Make your app receive this account\'s webhooks, optionally at its own callback URL',
				routing: {
					request: { method: 'POST', url: '=/{{$parameter.wabaId}}/subscribed_apps' },
					send: { preSend: [buildSubscribeBody] },
					output: {
						postReceive: [
							withIds({ wabaId: 'wabaId' }, (context) => {
								const options = context.getNodeParameter('subscribeOptions', {}) as { overrideCallbackUri?: string };
								return options.overrideCallbackUri ? { overrideCallbackUri: options.overrideCallbackUri } : {};
							}),
						],
					},
				},
			},
			{
				name: 'Unsubscribe App',
				value: 'unsubscribeApp',
				action: 'Unsubscribe the app from an account',
				description: 'Stop your app receiving this account\'s webhooks',
				routing: {
					request: { method: 'DELETE', url: '=/{{$parameter.wabaId}}/subscribed_apps' },
					output: { postReceive: [withIds({ wabaId: 'wabaId' })] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an account',
				description: 'Change the name, time zone or insights setting of an account',
				routing: {
					request: { method: 'POST', url: '=/{{$parameter.wabaId}}' },
					send: { preSend: [checkAccountUpdate] },
					output: { postReceive: [withIds({ wabaId: 'wabaId' })] },
				},
			},
		],
	},
	...getAccount,
	...getAllAccounts,
	...updateAccount,
	...getAnalytics,
	...getSubscribedApps,
	...subscribeApp,
	...unsubscribeApp,
];
