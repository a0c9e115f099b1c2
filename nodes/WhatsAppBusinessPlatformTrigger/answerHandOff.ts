import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import {
	ANSWER_SIGNATURE_HEADER,
	decodeReference,
	looksLikeReference,
	resumeUrlOf,
	signAnswer,
	type WaitReference,
} from '../WhatsAppBusinessPlatform/resources/message/sendAndWait/reference';
import type { TapAnswer } from '../WhatsAppBusinessPlatform/resources/message/sendAndWait/result';
import { graphRequest } from '../WhatsAppBusinessPlatform/shared/transport';

/*
 * Taps on the questions of Message → Send and Wait for Response arrive here as `messages`
 * webhooks. They are taken out of the payload (they do not start this workflow) and handed to the
 * waiting execution through n8n's own resume URL, so n8n does the resuming. A tap that resumes
 * nothing (answered, expired, stopped) gets a short reply; a forged reference is only logged.
 */

const ANSWERED_TEXT = 'Thanks! This question has already been answered, so this reply was not used.';
const EXPIRED_TEXT = 'Sorry, this question has expired, so this reply was not used.';

interface Tap {
	message: IDataObject;
	id: string;
	title?: string;
	phoneNumberId?: string;
	name?: string;
}

function replyIdOf(message: IDataObject): { id?: unknown; title?: string } {
	const interactive = message.interactive as IDataObject | undefined;
	const reply = (interactive?.button_reply ?? interactive?.list_reply) as IDataObject | undefined;
	return { id: reply?.id, title: typeof reply?.title === 'string' ? reply.title : undefined };
}

/** Removes the taps on send-and-wait questions from the payload and returns them. */
export function takeTaps(payload: IDataObject): Tap[] {
	const taps: Tap[] = [];
	for (const entry of (payload.entry as IDataObject[] | undefined) ?? []) {
		if (!Array.isArray(entry?.changes)) continue;
		const emptied = new Set<IDataObject>();
		for (const change of entry.changes as IDataObject[]) {
			const value = change?.value as IDataObject | undefined;
			if (change?.field !== 'messages' || !Array.isArray(value?.messages)) continue;
			const contacts = (value.contacts as IDataObject[] | undefined) ?? [];
			const kept: IDataObject[] = [];
			for (const message of value.messages as IDataObject[]) {
				const { id, title } = replyIdOf(message ?? {});
				if (!looksLikeReference(id)) {
					kept.push(message);
					continue;
				}
				const contact = contacts.find((candidate) => candidate.wa_id === message.from) ?? contacts[0];
				taps.push({
					message,
					id,
					title,
					phoneNumberId: (value.metadata as IDataObject | undefined)?.phone_number_id as string | undefined,
					name: ((contact?.profile as IDataObject | undefined)?.name as string | undefined) ?? undefined,
				});
			}
			value.messages = kept;
			// A change left without messages would reach the workflow as an event of its own.
			if (!kept.length && !(value.statuses as unknown[] | undefined)?.length && !value.errors) emptied.add(change);
		}
		if (emptied.size) entry.changes = (entry.changes as IDataObject[]).filter((change) => !emptied.has(change));
	}
	return taps;
}

/** n8n's `…/webhook-waiting` base, as the sending node saw it when n8n signed its resume URLs. */
export function waitingBaseUrlOf(context: IWebhookFunctions): string {
	try {
		const resumeUrl = String(context.evaluateExpression('{{ $execution.resumeUrl }}', 0) ?? '');
		const url = new URL(resumeUrl);
		url.search = '';
		url.pathname = url.pathname.replace(/\/[^/]*$/, '');
		return url.toString().replace(/\/+$/, '');
	} catch {
		const own = String(context.getNodeWebhookUrl('default') ?? '');
		return own.replace(/\/webhook(-test)?\/.*$/, '/webhook-waiting');
	}
}

async function politeReply(context: IWebhookFunctions, tap: Tap, text: string): Promise<void> {
	// Customers known only by their business-scoped user ID are answered by `recipient`.
	const to = (tap.message.from ?? tap.message.from_user_id) as string | undefined;
	if (!tap.phoneNumberId || !to) return;
	const address = tap.message.from ? { to } : { recipient: to };
	try {
		await graphRequest.call(context, {
			method: 'POST',
			url: `/${tap.phoneNumberId}/messages`,
			body: {
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				...address,
				type: 'text',
				text: { body: text },
				...(tap.message.id ? { context: { message_id: tap.message.id } } : {}),
			},
			safeToRepeat: false,
		});
	} catch (error) {
		context.logger.warn(`WhatsApp Business Platform Trigger could not tell ${to} that their answer was not used: ${(error as Error).message}`);
	}
}

async function resume(context: IWebhookFunctions, reference: WaitReference, tap: Tap, appSecret: string): Promise<boolean> {
	const answer: TapAnswer = {
		from: tap.message.from as string | undefined,
		fromUserId: tap.message.from_user_id as string | undefined,
		name: tap.name,
		replyMessageId: tap.message.id as string | undefined,
		timestamp: tap.message.timestamp as string | undefined,
		title: tap.title,
	};
	const body = JSON.stringify({ answer });
	try {
		const response = (await context.helpers.httpRequest({
			method: 'POST',
			url: resumeUrlOf(reference, waitingBaseUrlOf(context)),
			body,
			headers: { 'content-type': 'application/json', [ANSWER_SIGNATURE_HEADER]: signAnswer(body, appSecret) },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
			timeout: 15_000,
		})) as IDataObject;
		const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
		if (Number(response.statusCode) === 200 && /"resumed"\s*:\s*true/.test(text)) return true;
		context.logger.info(`WhatsApp Business Platform Trigger: execution ${reference.executionId} did not take the answer (${String(response.statusCode)}: ${text.slice(0, 120)})`);
	} catch (error) {
		context.logger.warn(`WhatsApp Business Platform Trigger could not reach execution ${reference.executionId}: ${(error as Error).message}`);
	}
	return false;
}

// Meta redelivers a webhook it got no timely 200 for. A tap handed off moments ago must not be
// answered "already answered" on its second arrival, so its wamid is remembered for a while here.
const REMEMBER_MS = 15 * 60_000;
const MAX_REMEMBERED = 10_000;
const handedOff = new Map<string, number>();

function seenBefore(messageId: unknown, now = Date.now()): boolean {
	if (typeof messageId !== 'string' || !messageId) return false;
	for (const [id, at] of handedOff) {
		if (now - at < REMEMBER_MS && handedOff.size <= MAX_REMEMBERED) break;
		handedOff.delete(id);
	}
	if (handedOff.has(messageId)) return true;
	handedOff.set(messageId, now);
	return false;
}

/** Hands each tap to its waiting execution; answers the customer when the question is closed. */
export async function handOffTaps(context: IWebhookFunctions, taps: Tap[], appSecret: string): Promise<void> {
	await Promise.all(
		taps.map(async (tap) => {
			if (seenBefore(tap.message.id)) {
				context.logger.debug(`WhatsApp Business Platform Trigger dropped a redelivered button reply (${String(tap.message.id)})`);
				return;
			}
			const parsed = decodeReference(tap.id, appSecret);
			if (!parsed.ok) {
				context.logger.warn(`WhatsApp Business Platform Trigger ignored a button reply from ${String(tap.message.from)}: ${parsed.reason}. Nothing was resumed.`);
				return;
			}
			const { reference } = parsed;
			if (reference.expiresAt && Date.now() > reference.expiresAt * 1000) {
				await politeReply(context, tap, EXPIRED_TEXT);
				return;
			}
			if (!(await resume(context, reference, tap, appSecret))) await politeReply(context, tap, ANSWERED_TEXT);
		}),
	);
}
