import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../WhatsAppBusinessPlatform/shared/constants';
import { wabaLocator } from '../WhatsAppBusinessPlatform/shared/locatorFields';
import { searchWabas } from '../WhatsAppBusinessPlatform/shared/locators';
import { handOffTaps, takeTaps } from './answerHandOff';
import { dedupeScope, dropProcessed, recentEvents } from './duplicates';
import { EVENT_OPTIONS, STATUS_VALUES, extractEvents } from './events';
import { secretsEqual, verifySignature } from './signature';
import { destinationOf, routeChoices } from './routing';
import { assertDeliverable, isSubscribed, subscribe, unsubscribe, wabaIdOf, type SubscriptionRecord, type TriggerSetup } from './subscription';

/** Meta's largest webhook payload. Anything bigger did not come from Meta. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

const WEBHOOK_OBJECT = 'whatsapp_business_account';
/** "Trigger On" choices Meta delivers only to the app's callback URL (routing.ts). */
const APP_CALLBACK_EVENTS = EVENT_OPTIONS.map((option) => String(option.value)).filter((event) => destinationOf(event) === 'app');
const CHALLENGE_FORMAT = /^[A-Za-z0-9_.-]{1,256}$/;

interface TriggerOptions {
	outputRawChanges?: boolean;
	statuses?: string[];
	phoneNumberIds?: string;
	dropDuplicates?: boolean;
	allowUnsignedRequests?: boolean;
}

interface RawRequest {
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
	headers: Record<string, unknown>;
}

interface RawResponse {
	statusCode: number;
	headersSent?: boolean;
	setHeader(name: string, value: string): unknown;
	end(body?: string): unknown;
}

/** Answers the request directly (plain text), so n8n sends nothing more and starts no execution. */
function reply(context: IWebhookFunctions, status: number, body: string): IWebhookResponseData {
	const res = context.getResponseObject() as unknown as RawResponse;
	res.statusCode = status;
	res.setHeader('content-type', 'text/plain; charset=utf-8');
	res.setHeader('x-content-type-options', 'nosniff');
	res.end(body);
	return { noWebhookResponse: true };
}

function logPrefix(context: IWebhookFunctions | IHookFunctions | IExecuteFunctions): string {
	const node = context.getNode();
	const workflow = context.getWorkflow();
	return `WhatsApp Business Platform Trigger "${node.name}" (workflow ${workflow.id ?? 'unsaved'})`;
}

function refuse(context: IWebhookFunctions, status: number, reason: string): IWebhookResponseData {
	context.logger.warn(`${logPrefix(context)} refused a webhook request with ${status}: ${reason}. No execution was started.`);
	return reply(context, status, status === 401 ? 'Invalid signature' : status === 403 ? 'Forbidden' : 'Rejected');
}

const NO_APP_SECRET =
	'the credential has no App Secret, so the signature of incoming webhooks cannot be checked. Add the app secret (App Dashboard → App settings → Basic) to the WhatsApp Business Platform API credential';

/** Checks the setup before activation, so mistakes show up in the editor instead of as refused webhooks. */
function assertConfigured(context: IHookFunctions, credentials: ICredentialDataDecryptedObject, automatic: boolean): void {
	const options = context.getNodeParameter('options', {}) as TriggerOptions;
	if (!credentials.appSecret && !options.allowUnsignedRequests) {
		throw new NodeOperationError(context.getNode(), 'The credential has no App Secret', {
			description:
				'The trigger only accepts webhooks whose X-Hub-Signature-256 it can check with your app secret. Copy it from the App Dashboard (App settings → Basic → App secret) into the WhatsApp Business Platform API credential.',
		});
	}
	if (automatic && !credentials.verifyToken) {
		throw new NodeOperationError(context.getNode(), 'The credential has no Webhook Verify Token', {
			description:
				'Meta checks the callback URL with a verify token before it sends events. Enter any secret text as "Webhook Verify Token" in the WhatsApp Business Platform API credential.',
		});
	}
	if (automatic && !wabaIdOf(context)) {
		throw new NodeOperationError(context.getNode(), 'Choose the WhatsApp Business Account whose events this trigger receives');
	}
	if (automatic) assertDeliverable(context, setupOf(context, credentials));
}

function setupOf(context: IHookFunctions, credentials: ICredentialDataDecryptedObject): TriggerSetup {
	return {
		wabaId: wabaIdOf(context),
		callbackUrl: context.getNodeWebhookUrl('default') as string,
		verifyToken: String(credentials.verifyToken ?? ''),
		appId: String(credentials.appId ?? '').trim(),
		appSecret: String(credentials.appSecret ?? ''),
		events: context.getNodeParameter('events', []) as string[],
	};
}

export class WhatsAppBusinessPlatformTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Business Platform Trigger',
		name: 'whatsAppBusinessPlatformTrigger',
		icon: { light: 'file:../../icons/whatsapp.svg', dark: 'file:../../icons/whatsapp.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow on verified WhatsApp Business Platform webhooks: incoming messages, message statuses, template, phone number and account updates',
		defaults: { name: 'WhatsApp Business Platform Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatsAppBusinessPlatformApi', required: true }],
		webhooks: [
			{
				// Meta's verification handshake (hub.mode / hub.verify_token / hub.challenge)
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: 'webhook',
			},
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'Only webhooks signed by Meta are accepted: the X-Hub-Signature-256 header is checked with the App Secret of the credential. Without an App Secret every delivery is refused with 401 and the reason is written to the n8n log.',
				name: 'signatureNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Subscription',
				name: 'subscriptionMode',
				type: 'options',
				noDataExpression: true,
				default: 'automatic',
				options: [
					{
						name: 'Automatic (Per WhatsApp Business Account)',
						value: 'automatic',
						description:
							'On activation, point the chosen account\'s webhooks at this workflow (override callback URL; template and account events through the app\'s callback URL, which needs the App ID in the credential); on deactivation, give them back. One workflow per account.',
					},
					{
						name: 'Manual (App Dashboard)',
						value: 'manual',
						description: 'You paste this trigger\'s URL and the verify token into your app\'s webhook settings yourself',
					},
				],
			},
			{
				displayName:
					'In the App Dashboard open WhatsApp → Configuration → Webhook → Edit. Callback URL: the Production URL shown under "Webhook URLs" at the top of this node. Verify token: the "Webhook Verify Token" of the credential. Then subscribe the webhook fields you chose below, and activate this workflow before you click "Verify and save".',
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { subscriptionMode: ['manual'] } },
			},
			wabaLocator(
				{ subscriptionMode: ['automatic'] },
				'The WhatsApp Business Account (WABA) whose webhooks this trigger receives',
			),
			{
				displayName: 'Trigger On',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['messages'],
				options: EVENT_OPTIONS,
				description: 'Events that start the workflow. Other events are acknowledged to Meta and dropped.',
			},
			{
				displayName:
					'Meta sends template, phone number and account events only to the app\'s callback URL, never to an account\'s override. For these the trigger takes the app\'s callback while the workflow is active: it needs the App ID in the credential, and only one workflow per app can have it. Otherwise activation stops and says what to change.',
				name: 'appCallbackNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { subscriptionMode: ['automatic'], events: APP_CALLBACK_EVENTS } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Accept Unsigned Requests (Unsafe)',
						name: 'allowUnsignedRequests',
						type: 'boolean',
						default: false,
						description:
							'Whether to accept requests without an X-Hub-Signature-256 header. UNSAFE: anyone who knows the URL can then start the workflow. Only for local tests with hand-made requests; requests that do carry a signature are still checked when the credential has an App Secret.',
					},
					{
						displayName: 'Drop Duplicates',
						name: 'dropDuplicates',
						type: 'boolean',
						default: true,
						description:
							'Whether to drop events that arrive again. Meta may send the same message or status twice, at once or hours later. In a single n8n a copy starts no run. After a restart, or in queue mode more than 10 seconds later or at another webhook process, a copy is caught by n8n\'s duplicate record and shows as a run with no items. Two copies at the same moment at two different webhook processes can both get through (see the README). Test events while you listen in the editor are never dropped.',
					},
					{
						displayName: 'Only Phone Number IDs',
						name: 'phoneNumberIds',
						type: 'string',
						default: '',
						placeholder: '106540352242922, 106540352242923',
						description:
							'Comma-separated phone number IDs (metadata.phone_number_id). Events for other numbers are dropped; events without a phone number ID (e.g. template updates) are kept.',
					},
					{
						displayName: 'Only Statuses',
						name: 'statuses',
						type: 'multiOptions',
						default: [],
						options: STATUS_VALUES.map((status) => ({ name: status[0].toUpperCase() + status.slice(1), value: status })),
						description: 'Message status updates to keep; none chosen keeps all. Applies when Message Status Updates is chosen.',
					},
					{
						displayName: 'Output Raw Changes',
						name: 'outputRawChanges',
						type: 'boolean',
						default: false,
						description:
							'Whether to output one item per webhook change ({wabaId, time, field, value}) exactly as Meta sent it, instead of one item per message and per status',
					},
				],
			},
		],
	};

	methods = {
		listSearch: { searchWabas },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const credentials = await this.getCredentials(CREDENTIAL_TYPE);
				const automatic = this.getNodeParameter('subscriptionMode', 'automatic') === 'automatic';
				assertConfigured(this, credentials, automatic);
				if (!automatic) return true;
				return await isSubscribed(this, setupOf(this, credentials));
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const credentials = await this.getCredentials(CREDENTIAL_TYPE);
				const automatic = this.getNodeParameter('subscriptionMode', 'automatic') === 'automatic';
				assertConfigured(this, credentials, automatic);
				if (!automatic) return true;
				const record = await subscribe(this, setupOf(this, credentials));
				const staticData = this.getWorkflowStaticData('node');
				staticData.subscription = record as unknown as IDataObject;
				const where = [record.override ? 'the account\'s override callback' : '', record.appCallback ? `the app's callback (${record.appCallback.fields.join(', ')})` : ''].filter(Boolean).join(' and ');
				this.logger.info(`${logPrefix(this)} subscribed WhatsApp Business Account ${record.wabaId}: ${where || 'app subscribed'} -> ${record.callbackUrl}`);
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				if (this.getNodeParameter('subscriptionMode', 'automatic') !== 'automatic') return true;
				const staticData = this.getWorkflowStaticData('node');
				const credentials = await this.getCredentials(CREDENTIAL_TYPE);
				const setup = setupOf(this, credentials);
				const stored = staticData.subscription as unknown as SubscriptionRecord | undefined;
				// Without a record (e.g. a test webhook whose static data was not kept), assume the app was
				// subscribed before: that keeps the app-level callback working instead of unsubscribing the app.
				// The app's callback is removed only where it still points at this trigger.
				const appFields = routeChoices(setup.events).app;
				const record: Pick<SubscriptionRecord, 'wabaId' | 'callbackUrl' | 'appWasSubscribed' | 'override' | 'appCallback'> =
					stored?.callbackUrl === setup.callbackUrl
						? stored
						: { wabaId: setup.wabaId, callbackUrl: setup.callbackUrl, appWasSubscribed: true, appCallback: appFields.length && setup.appId ? { appId: setup.appId, fields: appFields } : undefined };
				if (!record.wabaId) return true;
				const outcome = await unsubscribe(this, record, setup.appSecret);
				delete staticData.subscription;
				this.logger.info(`${logPrefix(this)} gave back the webhooks of WhatsApp Business Account ${record.wabaId}: ${outcome}`);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);

		if (this.getWebhookName() === 'setup') {
			const query = this.getQueryData() as IDataObject;
			const expectedToken = String(credentials.verifyToken ?? '');
			if (!expectedToken) {
				return refuse(this, 403, 'verification handshake refused: the credential has no Webhook Verify Token; enter one and use the same text in the App Dashboard');
			}
			if (query['hub.mode'] !== 'subscribe') {
				return refuse(this, 403, `verification handshake refused: hub.mode is ${JSON.stringify(query['hub.mode'] ?? null)}, not "subscribe"`);
			}
			const token = typeof query['hub.verify_token'] === 'string' ? query['hub.verify_token'] : '';
			if (!secretsEqual(token, expectedToken)) {
				return refuse(this, 403, 'verification handshake refused: hub.verify_token does not match the credential\'s Webhook Verify Token');
			}
			const challenge = query['hub.challenge'];
			if (typeof challenge !== 'string' || !CHALLENGE_FORMAT.test(challenge)) {
				return refuse(this, 403, 'verification handshake refused: hub.challenge is missing or not a plain token');
			}
			this.logger.info(`${logPrefix(this)} answered Meta's verification handshake`);
			return reply(this, 200, challenge);
		}

		const req = this.getRequestObject() as unknown as RawRequest;
		if (!Buffer.isBuffer(req.rawBody) && typeof req.readRawBody === 'function') await req.readRawBody();
		const rawBody = req.rawBody;
		if (!Buffer.isBuffer(rawBody)) {
			this.logger.error(`${logPrefix(this)} cannot check the webhook signature: n8n did not provide the raw request body. No execution was started.`);
			return reply(this, 500, 'Raw body unavailable');
		}
		if (rawBody.length > MAX_BODY_BYTES) {
			return refuse(this, 413, `the body has ${rawBody.length} bytes, more than Meta ever sends (${MAX_BODY_BYTES})`);
		}

		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const appSecret = String(credentials.appSecret ?? '');
		const headers = (req.headers ?? {}) as Record<string, unknown>;
		const unsignedAllowed = options.allowUnsignedRequests === true && headers['x-hub-signature-256'] === undefined;
		if (unsignedAllowed) {
			this.logger.warn(`${logPrefix(this)} accepted a request without a signature because "Accept Unsigned Requests (Unsafe)" is on`);
		} else if (!appSecret) {
			return refuse(this, 401, NO_APP_SECRET);
		} else {
			const check = verifySignature(rawBody, headers, appSecret);
			if (!check.valid) return refuse(this, 401, check.reason);
		}

		let payload: IDataObject;
		try {
			payload = JSON.parse(rawBody.toString('utf8')) as IDataObject;
		} catch (error) {
			return refuse(this, 400, `the body is not JSON (${(error as Error).message})`);
		}
		if (!payload || typeof payload !== 'object' || Array.isArray(payload) || !Array.isArray(payload.entry)) {
			return refuse(this, 400, 'the body is not a webhook notification (no "entry" list)');
		}
		if (payload.object !== WEBHOOK_OBJECT) {
			// Signed by Meta but for another product (e.g. a Page): acknowledge so Meta does not retry for days.
			this.logger.warn(`${logPrefix(this)} acknowledged and dropped a webhook for object ${JSON.stringify(payload.object)}; it only handles ${WEBHOOK_OBJECT}. No execution was started.`);
			return { webhookResponse: 'OK' };
		}

		if (this.getNodeParameter('subscriptionMode', 'automatic') === 'automatic') {
			// The app's callback carries template and account events of every account the app serves: keep this one's.
			const wabaId = String(this.getNodeParameter('wabaId', '', { extractValue: true }) ?? '').trim();
			if (wabaId) payload.entry = (payload.entry as IDataObject[]).filter((entry) => String(entry?.id ?? '') === wabaId);
		}
		// Taps on Send and Wait for Response questions resume their execution instead of starting this workflow.
		const taps = takeTaps(payload);
		if (taps.length) await handOffTaps(this, taps, appSecret);

		const events = this.getNodeParameter('events', []) as string[];
		const phoneNumberIds = String(options.phoneNumberIds ?? '')
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean);
		const extraction = extractEvents(payload, {
			events,
			statuses: options.statuses,
			phoneNumberIds,
			rawChanges: options.outputRawChanges === true,
		});
		let fresh = extraction.items;
		if (options.dropDuplicates !== false && fresh.length && this.getMode() !== 'manual') {
			const result = recentEvents.claim(dedupeScope(this), fresh);
			fresh = result.fresh;
			if (result.duplicates) extraction.dropped.duplicate = result.duplicates;
		}
		const droppedSummary = Object.entries(extraction.dropped)
			.map(([reason, count]) => `${count} × ${reason}`)
			.join(', ');
		if (droppedSummary) this.logger.debug(`${logPrefix(this)} dropped events: ${droppedSummary}`);
		if (!fresh.length) return { webhookResponse: 'OK' };
		return { workflowData: [fresh.map((json) => ({ json }))] };
	}

	/**
	 * n8n runs this in the execution, on the items webhook() returned: the second duplicate check,
	 * against n8n's database-backed record shared by all its processes (see duplicates.ts).
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const options = this.getNodeParameter('options', 0, {}) as TriggerOptions;
		if (options.dropDuplicates === false || this.getMode() === 'manual' || !items.length) return [items];
		const { kept, duplicates } = await dropProcessed(this, items);
		if (duplicates) this.logger.info(`${logPrefix(this)} dropped ${duplicates} event(s) already recorded in n8n's duplicate record`);
		return [kept];
	}
}
