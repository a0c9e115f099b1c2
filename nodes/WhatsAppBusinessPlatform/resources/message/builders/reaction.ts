import { fail, charCount } from '../../../shared/messageValidation';
import type { BuiltContent } from './common';

/** A reaction to a message; an empty emoji removes an earlier reaction. */
export function buildReaction(input: { messageId: unknown; emoji?: unknown }): BuiltContent {
	const messageId = String(input.messageId ?? '').trim();
	if (!messageId) fail('Message ID to React To', 'is required (a wamid.… ID)');
	const emoji = String(input.emoji ?? '').trim();
	if (emoji && (charCount(emoji) > 8 || /[\p{L}\p{N}]/u.test(emoji.replace(/[\u{1F1E6}-\u{1F1FF}#*0-9\uFE0F\u20E3]/gu, '')))) {
		fail('Emoji', `"${emoji}" is not a single emoji`);
	}
	return { type: 'reaction', content: { message_id: messageId, emoji }, uploads: [] };
}
