import type { INodeProperties } from 'n8n-workflow';

export const MAX_CALLBACK_DATA = 512;

export function messageOptions(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Options',
		name: 'messageOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Reply To Message ID',
				name: 'replyToMessageId',
				type: 'string',
				default: '',
				placeholder: 'wamid.HBgLM…',
				description: 'Send as a reply quoting this message (context.message_id)',
			},
			{
				displayName: 'Callback Data',
				name: 'bizOpaqueCallbackData',
				type: 'string',
				default: '',
				description: `Your own tracking data, returned in the status webhooks (biz_opaque_callback_data, at most ${MAX_CALLBACK_DATA} characters)`,
			},
			{
				displayName: 'Send Through Marketing Messages API',
				name: 'marketingMessagesApi',
				type: 'boolean',
				default: false,
				description: 'Whether a marketing template goes through the Marketing Messages API (optimised delivery); Meta sends it the ordinary way when the account is not onboarded',
				displayOptions: { show: { '/operation': ['sendTemplate'] } },
			},
		],
	};
}

export const messagesPerSecondField = (show: Record<string, string[]>): INodeProperties => ({
	displayName: 'Messages per Second',
	name: 'messagesPerSecond',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 1000 },
	default: 80,
	description:
		'The most messages this node sends per second from one phone number. Meta allows 80 by default and up to 1,000 after an upgrade; the node spaces its sends to stay under this.',
	displayOptions: { show },
});
