import type { INodeProperties } from 'n8n-workflow';

import { QUESTION_LIMITS as LIMITS } from './question';

export const SEND_AND_WAIT = 'sendAndWait';
const show = { resource: ['message'], operation: [SEND_AND_WAIT] };
const only = (responseType: string[]) => ({ show: { ...show, responseType } });

/*
 * Parameter names follow n8n's own send-and-wait nodes (message, responseType, approvalOptions,
 * options.limitWaitTime): n8n builds the AI agents' "human review" tool from them.
 */

const limitWaitTime: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	description: 'Whether to stop waiting after a while. Without a limit the execution waits until the customer answers.',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					description: 'When to give up and continue with a "no answer" result',
					options: [
						{ name: 'After Time Interval', value: 'afterTimeInterval', description: 'Waits for a certain amount of time' },
						{ name: 'At Specified Time', value: 'atSpecifiedTime', description: 'Waits until a date and time' },
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 1,
					description: 'How long to wait',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					default: 'hours',
					options: [
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					default: '',
					description: 'Continue without an answer at this date and time',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
				},
			],
		},
	],
};

const frameOptions: INodeProperties[] = [
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		default: '',
		description: `Bold line above the message (at most ${LIMITS.header} characters)`,
	},
	{
		displayName: 'Footer Text',
		name: 'footerText',
		type: 'string',
		default: '',
		description: `Small grey line below the message (at most ${LIMITS.footer} characters)`,
	},
	limitWaitTime,
	{
		displayName: 'Check for an Active Trigger',
		name: 'checkTrigger',
		type: 'boolean',
		default: true,
		description:
			'Whether to check, before sending, that an active WhatsApp Business Platform Trigger receives this number\'s messages. Without one, nobody can hand the answer back to this execution.',
	},
];

export const sendAndWaitFields: INodeProperties[] = [
	{
		displayName:
			'The customer\'s tap reaches this execution through a published workflow with a <b>WhatsApp Business Platform Trigger</b> that receives this number\'s messages (Trigger On: Messages, same Meta app). Taps on these questions do not start that workflow; they resume this one.',
		name: 'sendAndWaitNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Refund of €120 for order 1042?',
		description: `The question the customer sees (at most ${LIMITS.body} characters)`,
		displayOptions: { show },
	},
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		default: 'approval',
		options: [
			{ name: 'Approval', value: 'approval', description: 'Approve and (optionally) decline reply buttons' },
			{ name: 'Choice', value: 'choice', description: 'Up to 3 reply buttons, or a list of up to 10 options' },
			{ name: 'Free Text', value: 'freeText', description: 'A button that opens a form where the customer types an answer' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'fixedCollection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Type of Approval',
						name: 'approvalType',
						type: 'options',
						default: 'double',
						options: [
							{ name: 'Approve Only', value: 'single' },
							{ name: 'Approve and Decline', value: 'double' },
						],
					},
					{
						displayName: 'Approve Button Label',
						name: 'approveLabel',
						type: 'string',
						default: 'Approve',
						description: `At most ${LIMITS.buttonTitle} characters`,
					},
					{
						displayName: 'Decline Button Label',
						name: 'disapproveLabel',
						type: 'string',
						default: 'Decline',
						description: `At most ${LIMITS.buttonTitle} characters`,
						displayOptions: { show: { approvalType: ['double'] } },
					},
				],
			},
		],
		displayOptions: only(['approval']),
	},
	{
		displayName: 'Show Choices As',
		name: 'choiceStyle',
		type: 'options',
		default: 'buttons',
		options: [
			{ name: 'Reply Buttons (Up to 3)', value: 'buttons' },
			{ name: 'List (Up to 10)', value: 'list' },
		],
		displayOptions: only(['choice']),
	},
	{
		displayName: 'List Button Text',
		name: 'listButtonText',
		type: 'string',
		default: 'Choose',
		description: `The button that opens the list (at most ${LIMITS.listButton} characters)`,
		displayOptions: { show: { ...show, responseType: ['choice'], choiceStyle: ['list'] } },
	},
	{
		displayName: 'Choices',
		name: 'choices',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add choice',
		default: {},
		options: [
			{
				displayName: 'Choice',
				name: 'values',
				values: [
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						required: true,
						description: `What the customer sees (at most ${LIMITS.buttonTitle} characters on a button, ${LIMITS.rowTitle} in a list)`,
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'What the execution continues with when this is chosen; the title when empty',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						description: `Second line under the title, lists only (at most ${LIMITS.rowDescription} characters)`,
					},
				],
			},
		],
		displayOptions: only(['choice']),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: frameOptions,
		displayOptions: only(['approval', 'choice']),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			...frameOptions,
			{
				displayName: 'Message Button Label',
				name: 'messageButtonLabel',
				type: 'string',
				default: 'Respond',
				description: `The button that opens the form (at most ${LIMITS.ctaText} characters)`,
			},
			{
				displayName: 'Response Form Title',
				name: 'responseFormTitle',
				type: 'string',
				default: '',
				description: 'Title of the form page',
			},
			{
				displayName: 'Response Form Description',
				name: 'responseFormDescription',
				type: 'string',
				default: '',
				description: 'Text above the answer field; the message when empty',
			},
			{
				displayName: 'Response Form Button Label',
				name: 'responseFormButtonLabel',
				type: 'string',
				default: 'Submit',
			},
		],
		displayOptions: only(['freeText']),
	},
];
