import type { IDataObject } from 'n8n-workflow';

import type { ResponseType } from './question';

/** What the waiting node remembers about its question (kept in the execution, see execute.ts). */
export interface PendingQuestion {
	questionId: string;
	responseType: ResponseType;
	/** The question's wamid. */
	messageId: string;
	to: string;
	phoneNumberId: string;
	askedAt: string;
	expiresAt: string | null;
	options: Array<{ option: string; title: string; value: string | boolean }>;
}

/** What the trigger hands over about the customer's tap. */
export interface TapAnswer {
	from?: string;
	fromUserId?: string;
	name?: string;
	replyMessageId?: string;
	timestamp?: string;
	title?: string;
}

function base(pending: PendingQuestion): IDataObject {
	return {
		questionId: pending.questionId,
		responseType: pending.responseType,
		messageId: pending.messageId,
		to: pending.to,
		phoneNumberId: pending.phoneNumberId,
		askedAt: pending.askedAt,
	};
}

/** The result when the wait time runs out: clearly no answer (and, for approvals, not approved). */
export function noAnswer(pending: PendingQuestion): IDataObject {
	return {
		answered: false,
		...(pending.responseType === 'approval' ? { approved: false } : {}),
		...(pending.responseType === 'choice' ? { choice: null } : {}),
		...(pending.responseType === 'freeText' ? { text: null } : {}),
		reason: `No answer before the wait time ran out${pending.expiresAt ? ` (${pending.expiresAt})` : ''}`,
		...base(pending),
		expiresAt: pending.expiresAt,
		// Kept so the answer can be matched to this question; not part of the documented output.
		pendingQuestion: pending as unknown as IDataObject,
	};
}

/** Reads the question back from the "no answer" item the waiting node holds. */
export function pendingOf(item: unknown): PendingQuestion | undefined {
	const pending = (item as IDataObject | undefined)?.pendingQuestion as PendingQuestion | undefined;
	return pending && typeof pending.questionId === 'string' ? pending : undefined;
}

/** The result of a tap on a reply button or list row. */
export function tapResult(pending: PendingQuestion, option: string, tap: TapAnswer): IDataObject | undefined {
	const chosen = pending.options.find((candidate) => candidate.option === option);
	if (!chosen) return undefined;
	const answer: IDataObject = { answered: true };
	if (pending.responseType === 'approval') answer.approved = chosen.value === true;
	else answer.choice = { value: chosen.value, title: chosen.title, index: Number(option) };
	return {
		...answer,
		respondedBy: tap.from ?? tap.fromUserId ?? null,
		...(tap.fromUserId ? { respondedByUserId: tap.fromUserId } : {}),
		...(tap.name ? { respondedByName: tap.name } : {}),
		respondedAt: tap.timestamp ? new Date(Number(tap.timestamp) * 1000).toISOString() : new Date().toISOString(),
		replyMessageId: tap.replyMessageId ?? null,
		...base(pending),
	};
}

/** The result of n8n's form page (free text). */
export function textResult(pending: PendingQuestion, text: string): IDataObject {
	return { answered: true, text, respondedBy: pending.to, respondedAt: new Date().toISOString(), ...base(pending) };
}
