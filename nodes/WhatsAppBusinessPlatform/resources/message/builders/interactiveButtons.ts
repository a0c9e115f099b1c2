import { fail, LIMITS, requireCount, requireText, requireUnique } from '../../../shared/messageValidation';
import type { BuiltContent, PendingUpload } from './common';
import { interactiveFrame, type InteractiveFrame } from './interactiveCommon';

/** Reply buttons: 1–3 buttons, titles ≤20 characters and unique, IDs ≤256. */
export function buildInteractiveButtons(input: InteractiveFrame & { buttons: Array<{ id?: unknown; title?: unknown }> }): BuiltContent {
	const uploads: PendingUpload[] = [];
	const frame = interactiveFrame(input, uploads);
	const buttons = input.buttons ?? [];
	requireCount('Buttons', buttons.length, LIMITS.replyButtons.min, LIMITS.replyButtons.max);
	const built = buttons.map((button, index) => {
		const title = requireText(`Button ${index + 1} Title`, button.title, LIMITS.replyButtons.title);
		const id = requireText(`Button ${index + 1} ID`, button.id, LIMITS.replyButtons.id);
		if (id !== id.trim()) fail(`Button ${index + 1} ID`, 'may not start or end with spaces');
		return { type: 'reply', reply: { id, title } };
	});
	requireUnique('Button titles', built.map((button) => button.reply.title));
	requireUnique('Button IDs', built.map((button) => button.reply.id));
	return { type: 'interactive', content: { type: 'button', ...frame, action: { buttons: built } }, uploads };
}
