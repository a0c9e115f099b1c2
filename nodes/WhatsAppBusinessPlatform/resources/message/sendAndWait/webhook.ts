import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../../shared/constants';
import { ANSWER_SIGNATURE_HEADER, answerSignatureValid } from './reference';
import { pendingOf, tapResult, textResult, type PendingQuestion, type TapAnswer } from './result';

/*
 * n8n calls this on the waiting execution when its signed resume URL is requested (n8n has
 * already checked the URL's signature): by the trigger, with the customer's tap, or by the
 * customer's browser, on the free-text form. Returning workflowData resumes the execution;
 * returning none leaves it waiting.
 */

interface RawRequest {
	method?: string;
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
	headers: Record<string, unknown>;
}

interface RawResponse {
	status(code: number): RawResponse;
	setHeader(name: string, value: string): unknown;
	send(body: unknown): unknown;
	render(view: string, data: IDataObject): unknown;
}

// As n8n serves its own forms: user-provided text never runs with n8n's origin.
const FORM_SANDBOX_CSP =
	'sandbox allow-downloads allow-forms allow-modals allow-orientation-lock allow-pointer-lock allow-popups allow-popups-to-escape-sandbox allow-presentation allow-scripts allow-top-navigation-by-user-activation allow-top-navigation-to-custom-protocols';
const FORM_FIELD = 'field-0';

function answerOnce(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	const res = context.getResponseObject() as unknown as RawResponse;
	res.status(status).send(body);
	return { noWebhookResponse: true };
}

function page(context: IWebhookFunctions, status: number, text: string): IWebhookResponseData {
	const res = context.getResponseObject() as unknown as RawResponse;
	res.setHeader('Content-Security-Policy', FORM_SANDBOX_CSP);
	res.setHeader('content-type', 'text/html; charset=utf-8');
	const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
	res.status(status).send(`<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escaped}</title></head><body style="font-family:sans-serif;text-align:center;padding:3em 1em"><p>${escaped}</p></body></html>`);
	return { noWebhookResponse: true };
}

async function rawBodyOf(req: RawRequest): Promise<Buffer | undefined> {
	if (!Buffer.isBuffer(req.rawBody) && typeof req.readRawBody === 'function') await req.readRawBody();
	return Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;
}

/** The question this execution waits for, from the "no answer" item it holds (execute.ts). */
function pendingQuestionOf(context: IWebhookFunctions): PendingQuestion | undefined {
	try {
		return pendingOf(context.evaluateExpression('{{ $json }}', 0));
	} catch {
		return undefined;
	}
}

async function handleTap(context: IWebhookFunctions, req: RawRequest, pending: PendingQuestion, option: string): Promise<IWebhookResponseData> {
	const rawBody = await rawBodyOf(req);
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	if (!rawBody || !answerSignatureValid(rawBody, req.headers[ANSWER_SIGNATURE_HEADER], String(credentials.appSecret ?? ''))) {
		context.logger.warn(`WhatsApp send-and-wait "${context.getNode().name}": refused an answer whose signature does not match the app secret; the execution keeps waiting`);
		return answerOnce(context, 401, { resumed: false, reason: 'invalid answer signature' });
	}
	let tap: TapAnswer;
	try {
		tap = ((JSON.parse(rawBody.toString('utf8')) as IDataObject).answer ?? {}) as TapAnswer;
	} catch {
		return answerOnce(context, 400, { resumed: false, reason: 'the answer is not JSON' });
	}
	const result = tapResult(pending, option, tap);
	if (!result) return answerOnce(context, 409, { resumed: false, reason: 'not an answer this question offers' });
	return { webhookResponse: { resumed: true }, workflowData: [[{ json: result, pairedItem: { item: 0 } }]] };
}

async function handleForm(context: IWebhookFunctions, req: RawRequest, pending: PendingQuestion): Promise<IWebhookResponseData> {
	const res = context.getResponseObject() as unknown as RawResponse;
	const message = String(context.getNodeParameter('message', ''));
	const options = context.getNodeParameter('options', {}) as IDataObject;
	if (req.method === 'GET') {
		const description = String(options.responseFormDescription || message);
		res.setHeader('Content-Security-Policy', FORM_SANDBOX_CSP);
		// n8n's own form page, filled as n8n's free-text send-and-wait fills it.
		res.render('form-trigger', {
			testRun: false,
			formTitle: String(options.responseFormTitle ?? ''),
			formDescription: description,
			formDescriptionMetadata: description.slice(0, 150),
			formSubmittedHeader: 'Got it, thanks',
			formSubmittedText: 'This page can be closed now',
			n8nWebsiteLink: 'https://n8n.io/?utm_source=n8n-internal&utm_medium=form-trigger',
			formFields: [{ id: FORM_FIELD, errorId: `error-${FORM_FIELD}`, label: 'Response', inputRequired: 'form-required', defaultValue: '', isTextarea: true }],
			appendAttribution: true,
			buttonLabel: String(options.responseFormButtonLabel || 'Submit'),
		});
		return { noWebhookResponse: true };
	}
	const body = context.getBodyData() as IDataObject;
	const fields = ((body.data as IDataObject | undefined) ?? body) as IDataObject;
	const text = String(fields[FORM_FIELD] ?? '').trim();
	if (!text) return page(context, 400, 'Please type an answer.');
	return {
		webhookResponse: '<!doctype html><html><body style="font-family:sans-serif;text-align:center;padding:3em 1em"><p>Your response has been recorded. This page can be closed now.</p></body></html>',
		workflowData: [[{ json: textResult(pending, text), pairedItem: { item: 0 } }]],
	};
}

export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject() as unknown as RawRequest;
	const query = this.getQueryData() as IDataObject;
	const pending = pendingQuestionOf(this);
	const isTap = req.headers[ANSWER_SIGNATURE_HEADER] !== undefined;
	// Another question of this node (an earlier loop round, or a copied link) resumes nothing.
	if (!pending || pending.questionId !== query.q) {
		return isTap ? answerOnce(this, 409, { resumed: false, reason: 'this question is no longer open' }) : page(this, 409, 'This question is no longer open.');
	}
	if (isTap && pending.responseType !== 'freeText') return await handleTap(this, req, pending, String(query.o ?? ''));
	if (!isTap && pending.responseType === 'freeText' && query.o === 'f') return await handleForm(this, req, pending);
	return isTap ? answerOnce(this, 400, { resumed: false, reason: 'wrong kind of answer' }) : page(this, 403, 'Please answer with the buttons in WhatsApp.');
}
