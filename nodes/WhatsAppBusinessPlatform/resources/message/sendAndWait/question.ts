import { fail, LIMITS, requireCount } from '../../../shared/messageValidation';
import type { BuiltContent } from '../builders/common';
import { buildInteractiveButtons } from '../builders/interactiveButtons';
import { buildInteractiveCtaUrl } from '../builders/interactiveCtaUrl';
import { buildInteractiveList } from '../builders/interactiveList';
import type { InteractiveFrame } from '../builders/interactiveCommon';

export type ResponseType = 'approval' | 'choice' | 'freeText';

export interface QuestionInput {
	message: string;
	responseType: ResponseType;
	headerText?: string;
	footerText?: string;
	approval?: { approvalType?: 'single' | 'double'; approveLabel?: string; disapproveLabel?: string };
	choiceStyle?: 'buttons' | 'list';
	listButtonText?: string;
	choices?: Array<{ title?: string; value?: string; description?: string }>;
	messageButtonLabel?: string;
}

/** One answer the customer can tap: `option` goes into the signed reference, `value` into the result. */
export interface AnswerOption {
	option: string;
	title: string;
	value: string | boolean;
}

/** The answers a question offers, before any reference is made (so inputs fail before n8n signs anything). */
export function answerOptions(input: QuestionInput): AnswerOption[] {
	if (input.responseType === 'approval') {
		const approval = input.approval ?? {};
		const options: AnswerOption[] = [{ option: 'a', title: approval.approveLabel || 'Approve', value: true }];
		if ((approval.approvalType ?? 'double') === 'double') options.push({ option: 'd', title: approval.disapproveLabel || 'Decline', value: false });
		return options;
	}
	if (input.responseType === 'choice') {
		const choices = input.choices ?? [];
		const max = input.choiceStyle === 'list' ? LIMITS.list.rows : LIMITS.replyButtons.max;
		requireCount('Choices', choices.length, 1, max);
		return choices.map((choice, index) => {
			const title = String(choice.title ?? '').trim();
			if (!title) fail(`Choice ${index + 1} Title`, 'is required');
			return { option: String(index), title, value: String(choice.value ?? '') || title };
		});
	}
	return [];
}

function frame(input: QuestionInput): InteractiveFrame {
	return {
		bodyText: input.message,
		footerText: input.footerText,
		header: input.headerText ? { type: 'text', text: input.headerText } : undefined,
	};
}

/**
 * The question as an interactive message: reply buttons or a list whose IDs are the signed
 * references, or a CTA URL button to n8n's form page. Limits are checked by the shared builders.
 */
export function buildQuestion(input: QuestionInput, idFor: (option: AnswerOption) => string, formUrl?: string): BuiltContent {
	if (input.responseType === 'freeText') {
		if (!formUrl) throw new Error('The form URL is missing');
		return buildInteractiveCtaUrl({ ...frame(input), displayText: input.messageButtonLabel || 'Respond', url: formUrl });
	}
	const options = answerOptions(input);
	if (input.responseType === 'choice' && input.choiceStyle === 'list') {
		const rows = options.map((option, index) => ({ id: idFor(option), title: option.title, description: input.choices?.[index]?.description }));
		return buildInteractiveList({ ...frame(input), buttonText: input.listButtonText || 'Choose', rows });
	}
	return buildInteractiveButtons({ ...frame(input), buttons: options.map((option) => ({ id: idFor(option), title: option.title })) });
}
