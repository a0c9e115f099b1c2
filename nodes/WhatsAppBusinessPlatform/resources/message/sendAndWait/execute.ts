import {
	NodeOperationError,
	WAIT_INDEFINITELY,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../../shared/constants';
import { fail, InputError } from '../../../shared/validation';
import { graphRequest } from '../../../shared/transport';
import { envelope } from '../read';
import { recipientOf, type Recipient } from '../recipient';
import { answerOptions, buildQuestion, type AnswerOption, type QuestionInput, type ResponseType } from './question';
import { encodeReference, newQuestionId, referenceFromSignedUrl, resumeQuery } from './reference';
import { noAnswer, type PendingQuestion } from './result';
import { assertTriggerListening } from './triggerCheck';
import { waitTillOf } from './waitTill';

function questionInput(context: IExecuteFunctions): QuestionInput {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		message: String(context.getNodeParameter('message', 0, '')),
		responseType: context.getNodeParameter('responseType', 0, 'approval') as ResponseType,
		headerText: (options.headerText as string) || undefined,
		footerText: (options.footerText as string) || undefined,
		approval: context.getNodeParameter('approvalOptions.values', 0, {}) as QuestionInput['approval'],
		choiceStyle: context.getNodeParameter('choiceStyle', 0, 'buttons') as QuestionInput['choiceStyle'],
		listButtonText: String(context.getNodeParameter('listButtonText', 0, 'Choose')),
		choices: (context.getNodeParameter('choices.values', 0, []) as QuestionInput['choices']) ?? [],
		messageButtonLabel: (options.messageButtonLabel as string) || undefined,
	};
}

function asNodeError(node: INode, error: unknown): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof InputError ? error.message : (error as Error), { itemIndex: 0 });
}

function phoneNumberIdOf(context: IExecuteFunctions): string {
	const id = String(context.getNodeParameter('phoneNumberId', 0, '', { extractValue: true }) ?? '').trim();
	if (!/^\d{5,25}$/.test(id)) fail('Phone Number', `"${id}" is not a phone number ID (pick one from the list, or give the number's ID)`);
	return id;
}

/**
 * n8n signs the links an answer comes back by since n8n 1.107 (n8n-core 1.106, `getSignedResumeUrl`);
 * an older n8n gets a clear error before anything is sent instead of a TypeError after.
 */
function assertSignedResumeUrls(context: IExecuteFunctions): void {
	if (typeof (context as Partial<IExecuteFunctions>).getSignedResumeUrl === 'function') return;
	throw new NodeOperationError(context.getNode(), 'Send and Wait needs n8n 1.107 or newer', {
		description:
			'This n8n cannot sign the links an answer comes back by, so the question was not sent. Update n8n, or send the question with WhatsApp Business Platform → Message → Send and handle the reply in the WhatsApp Business Platform Trigger.',
	});
}

/**
 * Sends one question (from the first item, as n8n's other send-and-wait nodes do) and puts the
 * execution to wait. The answer comes back through the trigger (buttons, list) or n8n's form page
 * (free text), both by the signed resume URL; see reference.ts and webhook.ts.
 */
export async function sendAndWait(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	assertSignedResumeUrls(this);
	const node = this.getNode();
	const inputItems = this.getInputData();
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const appSecret = String(credentials.appSecret ?? '');
	let input: QuestionInput;
	let phoneNumberId: string;
	let recipient: Recipient;
	let options: AnswerOption[];
	try {
		phoneNumberId = phoneNumberIdOf(this);
		recipient = recipientOf(this.getNodeParameter('to', 0, ''));
		input = questionInput(this);
		options = answerOptions(input);
	} catch (error) {
		throw asNodeError(node, error);
	}
	if (!appSecret && input.responseType !== 'freeText') {
		throw new NodeOperationError(node, 'The credential has no App Secret', {
			description: 'The answer buttons carry a reference signed with the app secret, and the trigger checks it. Copy it from the App Dashboard (App settings → Basic → App secret) into the credential.',
		});
	}
	const waitTill = waitTillOf(this);
	const pageOptions = this.getNodeParameter('options', 0, {}) as IDataObject;
	if (pageOptions.checkTrigger !== false && input.responseType !== 'freeText') {
		await assertTriggerListening(this, phoneNumberId, String(credentials.verifyToken ?? ''));
	}

	const question = {
		questionId: newQuestionId(),
		expiresAt: waitTill.getTime() === WAIT_INDEFINITELY.getTime() ? 0 : Math.ceil(waitTill.getTime() / 1000),
	};
	// n8n 1.x checks the signature of a resume URL only when asked to (2.x always does); 2.x has no such method.
	(this as { setSignatureValidationRequired?: () => void }).setSignatureValidationRequired?.();
	let built;
	try {
		built = await buildQuestion(
			input,
			(option) => {
				const signedUrl = this.getSignedResumeUrl(resumeQuery({ ...question, option: option.option }));
				return encodeReference(referenceFromSignedUrl(signedUrl, { ...question, option: option.option }), appSecret);
			},
			input.responseType === 'freeText' ? this.getSignedResumeUrl(resumeQuery({ ...question, option: 'f' })) : undefined,
		);
	} catch (error) {
		throw asNodeError(node, error);
	}
	const response = (await graphRequest.call(this, {
		method: 'POST',
		url: `/${phoneNumberId}/messages`,
		body: envelope(recipient, built),
		safeToRepeat: false,
	})) as IDataObject;
	const messageId = String((response.messages as IDataObject[] | undefined)?.[0]?.id ?? '');

	const pending: PendingQuestion = {
		questionId: question.questionId,
		responseType: input.responseType,
		messageId,
		to: recipient.id,
		phoneNumberId,
		askedAt: new Date().toISOString(),
		expiresAt: question.expiresAt ? new Date(question.expiresAt * 1000).toISOString() : null,
		options: options.map((option) => ({ option: option.option, title: option.title, value: option.value })),
	};
	// What the node outputs if the wait time runs out: n8n then passes the waiting node's input
	// through unchanged, so the input is swapped for the "no answer" result here. The answer's
	// webhook reads it back to check that a tap belongs to this very question.
	this.getExecuteData().data.main = [[{ json: noAnswer(pending), pairedItem: { item: 0 } }]];
	await this.putExecutionToWait(waitTill);
	return [inputItems];
}
