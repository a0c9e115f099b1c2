import { asText, charCount, fail } from '../../../shared/validation';
import { forTypes, type MessageType } from './common';

/** A reaction to a message; an empty emoji removes an earlier reaction. */
export const reaction: MessageType = {
	value: 'reaction',
	name: 'Reaction',
	fields: (show) => [
		{
			displayName: 'Message ID to React To',
			name: 'reactionMessageId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'wamid.HBgLM…',
			displayOptions: { show: forTypes(show, 'reaction') },
		},
		{
			displayName: 'Emoji',
			name: 'emoji',
			type: 'string',
			default: '',
			description: 'One emoji; leave empty to remove your reaction',
			displayOptions: { show: forTypes(show, 'reaction') },
		},
	],
	build: (read) => {
		const messageId = asText('Message ID to React To', read.get('reactionMessageId', '')).trim();
		if (!messageId) fail('Message ID to React To', 'is required (a wamid.… ID)');
		const emoji = asText('Emoji', read.get('emoji', '')).trim();
		// Length first, so the character test below only ever sees a few characters.
		if (emoji && (charCount(emoji) > 8 || /[\p{L}\p{N}]/u.test(emoji.replace(/[\u{1F1E6}-\u{1F1FF}#*0-9\uFE0F\u20E3]/gu, '')))) {
			fail('Emoji', `"${emoji}" is not a single emoji`);
		}
		return { type: 'reaction', content: { message_id: messageId, emoji }, uploads: [] };
	},
};
