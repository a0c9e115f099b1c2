import type { IDataObject } from 'n8n-workflow';

import { fail, requireCount } from '../../../shared/validation';
import type { BuiltContent, MessageType, ParameterReader } from '../types/common';
import { interactiveButtons } from '../types/interactiveButtons';
import { interactiveCtaUrl } from '../types/interactiveCtaUrl';
import { interactiveList } from '../types/interactiveList';

export type ResponseType = 'approval' | 'choice' | 'freeText';

/** Meta's limits that shape the question (the message types check the rest). */
export const QUESTION_LIMITS = { body: 1024, header: 60, footer: 60, buttons: 3, buttonTitle: 20, listRows: 10, rowTitle: 24, rowDescription: 72, listButton: 20, ctaText: 20 };

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
		const max = input.choiceStyle === 'list' ? QUESTION_LIMITS.listRows : QUESTION_LIMITS.buttons;
		requireCount('Choices', choices.length, 1, max);
		return choices.map((choice, index) => {
			const title = String(choice.title ?? '').trim();
			if (!title) fail(`Choice ${index + 1} Title`, 'is required');
			return { option: String(index), title, value: String(choice.value ?? '') || title };
		});
	}
	return [];
}

/** Feeds the package's message types (Message → Send) with the question's values, so their checks apply unchanged. */
function reader(values: IDataObject): ParameterReader {
	return {
		get: <T>(name: string, fallback?: unknown) => (values[name] ?? fallback) as T,
		media: async () => fail('Header', 'a question has a text header only'),
		binaryFile: async () => undefined,
	};
}

async function build(type: MessageType, input: QuestionInput, values: IDataObject): Promise<BuiltContent> {
	return await type.build(
		reader({
			bodyText: input.message,
			footerText: input.footerText ?? '',
			headerType: input.headerText ? 'text' : 'none',
			headerText: input.headerText ?? '',
			...values,
		}),
	);
}

/**
 * The question as an interactive message: reply buttons or a list whose IDs are the signed
 * references, or a CTA URL button to n8n's form page.
 */
export async function buildQuestion(input: QuestionInput, idFor: (option: AnswerOption) => string, formUrl?: string): Promise<BuiltContent> {
	if (input.responseType === 'freeText') {
		if (!formUrl) throw new Error('The form URL is missing');
		return await build(interactiveCtaUrl, input, { ctaDisplayText: input.messageButtonLabel || 'Respond', ctaUrl: formUrl });
	}
	const options = answerOptions(input);
	if (input.responseType === 'choice' && input.choiceStyle === 'list') {
		const row = options.map((option, index) => ({ id: idFor(option), title: option.title, description: input.choices?.[index]?.description ?? '' }));
		return await build(interactiveList, input, {
			listHeaderType: input.headerText ? 'text' : 'none',
			listHeaderText: input.headerText ?? '',
			listButtonText: input.listButtonText || 'Choose',
			listRows: { row },
		});
	}
	return await build(interactiveButtons, input, { replyButtons: { button: options.map((option) => ({ id: idFor(option), title: option.title })) } });
}
