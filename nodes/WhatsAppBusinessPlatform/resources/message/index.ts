import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberLocator, wabaLocator } from '../../shared/locatorFields';
import { messageOptions, messagesPerSecondField } from './options';
import { sendFields } from './types';
import { templateFields } from './types/template';

const resource = ['message'];
const sending = { resource, operation: ['send', 'sendTemplate'] };
const all = { resource, operation: ['send', 'sendTemplate', 'markAsRead'] };

// All three operations are customOperations (see custom.ts): they stream with a governor.
export const messageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		default: 'send',
		options: [
			{ name: 'Mark as Read', value: 'markAsRead', action: 'Mark a message as read', description: 'Show blue ticks for a received message, optionally with a typing indicator' },
			{ name: 'Send', value: 'send', action: 'Send a message', description: 'Send a free-form message (within 24 hours of the customer\'s last message)' },
			{ name: 'Send Template', value: 'sendTemplate', action: 'Send a template message', description: 'Send an approved template, also outside the 24-hour window' },
		],
	},
	// Only needed to fill the phone number and template lists, so not required (a phone number ID is enough).
	{ ...wabaLocator(all, 'The WhatsApp Business Account; used to list its phone numbers and templates, and to check before sending that a template may go to a business-scoped user ID'), required: false },
	phoneNumberLocator(all, 'The business phone number that sends'),
	{
		displayName: 'Send To',
		name: 'recipientKind',
		type: 'options',
		default: 'individual',
		options: [
			{ name: 'A Customer', value: 'individual' },
			{ name: 'A Group', value: 'group', description: 'A group of this number (text, media and templates only)' },
		],
		displayOptions: { show: sending },
	},
	{
		displayName: 'Group ID',
		name: 'groupId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD',
		description: 'The group to send to, from Group → Get Many or the trigger\'s group events',
		displayOptions: { show: { ...sending, recipientKind: ['group'] } },
	},
	{
		displayName: 'Recipient Phone Number or User ID',
		name: 'to',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+1 555 010 1234 or US.13491208655302741918',
		description:
			'A phone number with its country code (spaces, dashes, brackets and a leading + or 00 are fine), or the customer\'s business-scoped user ID (BSUID, the trigger\'s userId) for customers who share only a username',
		displayOptions: { show: { ...sending, recipientKind: ['individual'] } },
	},
	...sendFields({ resource, operation: ['send'] }),
	...templateFields({ resource, operation: ['sendTemplate'] }),
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'wamid.HBgLM…',
		description: 'The ID of the received message (from the trigger) to mark as read',
		displayOptions: { show: { resource, operation: ['markAsRead'] } },
	},
	{
		displayName: 'Show Typing Indicator',
		name: 'typingIndicator',
		type: 'boolean',
		default: false,
		description: 'Whether the customer sees "typing…" until you reply or for up to 25 seconds',
		displayOptions: { show: { resource, operation: ['markAsRead'] } },
	},
	messageOptions(sending),
	messagesPerSecondField(all),
];
