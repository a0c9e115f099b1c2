/**
 * Webhooks that the emulator's own operations cause, as Meta sends them: a group created sends
 * `group_lifecycle_update`, a Flow published sends `flows`, and so on. Each is recorded in
 * `state.emittedWebhooks` and, when the WABA subscribed with a callback URL, delivered there
 * signed, after the API call has answered (Meta's webhooks are asynchronous too).
 */
import { deliver } from './control';
import type { RouteContext } from './routes/types';
import { change, entry, metadata, notification, type Json } from './webhookEvents';

export function emitWebhook(context: Pick<RouteContext, 'emulator' | 'state'>, wabaId: string, field: string, value: Json): void {
	context.state.emittedWebhooks.push({ wabaId, field, value, at: Date.now() });
	const payload = notification([entry(wabaId, [change(field, value)], Math.floor(Date.now() / 1000))]);
	setImmediate(() => void deliver(context.emulator, wabaId, field, payload).catch(() => undefined));
}

/** The `metadata` of a phone number's webhooks (display number as digits, number id). */
export function phoneMetadata(context: Pick<RouteContext, 'state'>, phoneNumberId: string): Json {
	const phone = context.state.get(phoneNumberId);
	return metadata({ wabaId: String(phone?.wabaId ?? ''), phoneNumberId, displayPhoneNumber: String(phone?.display_phone_number ?? '').replace(/\D/g, '') });
}
