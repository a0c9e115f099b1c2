import type { GraphEmulator } from './server';
import { messageBuilders, type Json } from './webhookEvents';

/**
 * The customer taps a reply button or a list row of an interactive message the emulator accepted:
 * the latest one (to `to`, or `messageId`), choosing by title (case-insensitive) or 1-based number.
 * `id` replaces the option's ID (to test forged IDs). Returns the incoming message to deliver.
 */
export function tapMessage(emulator: GraphEmulator, request: { option?: unknown; to?: unknown; messageId?: unknown; id?: unknown }): { message: Json; question: Json } {
	const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '');
	const candidates = emulator.state.acceptedMessages.filter((accepted) => {
		const interactive = accepted.body.interactive as Json | undefined;
		if (accepted.body.type !== 'interactive' || !['button', 'list'].includes(String(interactive?.type))) return false;
		if (request.messageId) return accepted.id === request.messageId;
		return !request.to || accepted.to === digits(request.to);
	});
	const question = candidates.at(-1);
	if (!question) throw new Error('no interactive message with buttons or a list was sent (to that customer)');
	const interactive = question.body.interactive as Json;
	const action = interactive.action as Json;
	const options: Array<{ id: string; title: string; description?: string }> =
		interactive.type === 'button'
			? (action.buttons as Json[]).map((button) => button.reply as { id: string; title: string })
			: (action.sections as Json[]).flatMap((section) => section.rows as Array<{ id: string; title: string; description?: string }>);
	const wanted = String(request.option ?? '1').trim();
	const option = /^\d+$/.test(wanted) ? options[Number(wanted) - 1] : options.find((candidate) => candidate.title.toLowerCase() === wanted.toLowerCase());
	if (!option) throw new Error(`the question offers ${options.map((candidate, index) => `${index + 1}: ${candidate.title}`).join(', ')}; "${wanted}" is none of them`);
	const phone = emulator.state.get(question.phoneNumberId);
	const context = { from: digits(phone?.display_phone_number) || '15550100001', id: question.id };
	const id = request.id === undefined ? option.id : String(request.id);
	const overrides = { from: question.to, timestamp: String(Math.floor(Date.now() / 1000)), context };
	const message =
		interactive.type === 'button'
			? messageBuilders.buttonReply({ ...overrides, interactive: { type: 'button_reply', button_reply: { id, title: option.title } } })
			: messageBuilders.listReply({ ...overrides, interactive: { type: 'list_reply', list_reply: { id, title: option.title, ...(option.description ? { description: option.description } : {}) } } });
	return { message, question: { id: question.id, to: question.to, phoneNumberId: question.phoneNumberId, option: option.title } };
}
