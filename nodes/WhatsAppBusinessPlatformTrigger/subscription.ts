import { NodeOperationError, type IDataObject, type IHookFunctions } from 'n8n-workflow';

import { graphRequest } from '../WhatsAppBusinessPlatform/shared/transport';
import { EVENT_OPTIONS } from './events';
import { routeChoices } from './routing';

/** Meta's limit for override_callback_uri ("Webhook overrides"). */
export const MAX_OVERRIDE_URL_LENGTH = 200;

/** The webhook object of WhatsApp Business Accounts in /{app-id}/subscriptions. */
export const WEBHOOK_OBJECT = 'whatsapp_business_account';

/** What the trigger did when it was activated, kept in the node's static data. */
export interface SubscriptionRecord {
	wabaId: string;
	callbackUrl: string;
	/** Was the app already subscribed to the WABA (without an override of ours) before we came? */
	appWasSubscribed: boolean;
	/** Did activation point the WABA's override callback at this trigger? (Absent in records older than app callbacks: yes.) */
	override?: boolean;
	/** The app's callback URL, taken for fields Meta never sends to an override. */
	appCallback?: { appId: string; fields: string[] };
	at: string;
}

/** Everything activation needs, read from the node and its credential. */
export interface TriggerSetup {
	wabaId: string;
	callbackUrl: string;
	verifyToken: string;
	appId: string;
	appSecret: string;
	/** The "Trigger On" choices. */
	events: string[];
}

interface SubscribedApp {
	whatsapp_business_api_data?: { id?: string; name?: string };
	override_callback_uri?: string;
}

interface AppSubscription {
	object?: string;
	callback_url?: string;
	active?: boolean;
	fields?: Array<{ name?: string } | string>;
}

export function wabaIdOf(context: IHookFunctions): string {
	return String(context.getNodeParameter('wabaId', '', { extractValue: true }) ?? '').trim();
}

function eventNames(fields: string[]): string {
	return fields.map((field) => `"${EVENT_OPTIONS.find((option) => option.value === field)?.name ?? field}"`).join(', ');
}

/**
 * Refuses, before any call, a choice of events that automatic mode cannot deliver: Meta sends
 * template and account fields only to the app's callback URL, which needs the app's own token.
 */
export function assertDeliverable(context: IHookFunctions, setup: Pick<TriggerSetup, 'appId' | 'appSecret' | 'events' | 'callbackUrl'>): void {
	const routes = routeChoices(setup.events);
	if (routes.override.length && setup.callbackUrl.length > MAX_OVERRIDE_URL_LENGTH) {
		throw new NodeOperationError(
			context.getNode(),
			`This workflow's webhook URL has ${setup.callbackUrl.length} characters; Meta accepts at most ${MAX_OVERRIDE_URL_LENGTH} for an account's override callback`,
			{ description: `Shorten n8n's public address (the WEBHOOK_URL setting) so that ${setup.callbackUrl} fits, or choose Subscription → Manual and set the URL as the app's callback in the App Dashboard.` },
		);
	}
	const appFields = routes.app;
	if (!appFields.length || (setup.appId && setup.appSecret)) return;
	const missing = setup.appId ? 'App Secret' : 'App ID';
	throw new NodeOperationError(
		context.getNode(),
		`${eventNames(appFields)} need the ${missing} in the credential: add it, or remove these events from "Trigger On"`,
		{
			description: `Meta sends ${appFields.join(', ')} only to the app's callback URL, never to a WhatsApp Business Account's override callback. With the App ID and App Secret (App Dashboard → App settings → Basic) in the WhatsApp Business Platform API credential, the trigger points the app's callback URL at this workflow while it is active and gives it back when it is deactivated. Otherwise remove these events from "Trigger On" (messages and message statuses keep working through the account's override), or choose Subscription → Manual and set this workflow's URL as the app's callback in the App Dashboard.`,
		},
	);
}

export async function listSubscribedApps(context: IHookFunctions, wabaId: string): Promise<SubscribedApp[]> {
	const answer = await graphRequest.call<IHookFunctions, Parameters<typeof graphRequest>, Promise<IDataObject>>(context, {
		url: `/${wabaId}/subscribed_apps`,
	});
	return (answer.data ?? []) as SubscribedApp[];
}

const appToken = (setup: Pick<TriggerSetup, 'appId' | 'appSecret'>) => `${setup.appId}|${setup.appSecret}`;

/** The app's webhook subscription for WhatsApp Business Accounts (its callback URL and fields), if any. */
export async function appSubscriptionOf(context: IHookFunctions, setup: Pick<TriggerSetup, 'appId' | 'appSecret'>): Promise<AppSubscription | undefined> {
	const answer = await graphRequest.call<IHookFunctions, Parameters<typeof graphRequest>, Promise<IDataObject>>(context, {
		url: `/${setup.appId}/subscriptions`,
		appAccessToken: appToken(setup),
	});
	return ((answer.data ?? []) as AppSubscription[]).find((subscription) => subscription.object === WEBHOOK_OBJECT);
}

function refuseForeignAppCallback(context: IHookFunctions, owner: string, appFields: string[]): never {
	throw new NodeOperationError(
		context.getNode(),
		`The app's callback URL already points elsewhere (${owner}), and Meta sends ${eventNames(appFields)} only there: remove these events from "Trigger On", or free the app's callback first`,
		{
			description:
				'Another workflow with template or account events, or a server set up in the App Dashboard, receives the app\'s webhooks. Deactivate that workflow (it gives the app\'s callback back when deactivated), or clear the callback URL in the App Dashboard (WhatsApp → Configuration), then activate this workflow again. Messages and message statuses do not need the app\'s callback: they reach this workflow through the account\'s override.',
		},
	);
}

function refuseForeignOverride(context: IHookFunctions, wabaId: string, owner: string): never {
	throw new NodeOperationError(context.getNode(), `WhatsApp Business Account ${wabaId} already sends its webhooks to another callback URL (${owner})`, {
		description:
			'Another workflow (or an earlier setup) owns this account\'s events. Deactivate that workflow first — it removes its override on deactivation — or, if nothing uses that URL any more, remove it with the WhatsApp Business Platform node (Account → webhook subscriptions) and activate this workflow again. While a workflow is active, "Listen for test event" on a copy of its trigger cannot take its events over.',
	});
}

/** Is everything the chosen events need already pointing at this trigger? (n8n asks before activating.) */
export async function isSubscribed(context: IHookFunctions, setup: TriggerSetup): Promise<boolean> {
	const routes = routeChoices(setup.events);
	const apps = await listSubscribedApps(context, setup.wabaId);
	const wabaReady = routes.override.length ? apps.some((app) => app.override_callback_uri === setup.callbackUrl) : apps.length > 0;
	if (!wabaReady) return false;
	if (!routes.app.length) return true;
	return (await appSubscriptionOf(context, setup))?.callback_url === setup.callbackUrl;
}

/**
 * Points each chosen field where Meta will deliver it to this trigger: the WABA's override callback
 * (`override_callback_uri`) for the fields overrides receive, the app's callback URL
 * (`/{app-id}/subscriptions`) for the rest. Meta checks each URL right away with the verification
 * handshake, which this trigger's GET webhook answers with the credential's verify token. Nothing
 * that belongs to someone else is taken over; a failure half-way undoes the first half.
 */
export async function subscribe(context: IHookFunctions, setup: TriggerSetup): Promise<SubscriptionRecord> {
	const { wabaId, callbackUrl, verifyToken } = setup;
	const routes = routeChoices(setup.events);
	const before = await listSubscribedApps(context, wabaId);
	if (routes.override.length) {
		const foreign = before.map((app) => app.override_callback_uri).find((uri) => !!uri && uri !== callbackUrl);
		if (foreign) refuseForeignOverride(context, wabaId, foreign);
	}
	let appCallback: SubscriptionRecord['appCallback'];
	if (routes.app.length) {
		const current = await appSubscriptionOf(context, setup);
		if (current?.callback_url && current.callback_url !== callbackUrl) refuseForeignAppCallback(context, current.callback_url, routes.app);
		// The override fields too: the app's field list decides which fields Meta sends at all, the override only where.
		const fields = [...routes.app, ...routes.override];
		await graphRequest.call(context, {
			method: 'POST',
			url: `/${setup.appId}/subscriptions`,
			body: { object: WEBHOOK_OBJECT, callback_url: callbackUrl, verify_token: verifyToken, fields: fields.join(',') },
			appAccessToken: appToken(setup),
			// Subscribing again with the same URL and fields changes nothing, so a retry is harmless.
			safeToRepeat: true,
		});
		appCallback = { appId: setup.appId, fields };
	}
	const appWasSubscribed = before.length > 0;
	let done = false;
	try {
		if (routes.override.length) {
			await graphRequest.call(context, {
				method: 'POST',
				url: `/${wabaId}/subscribed_apps`,
				body: { override_callback_uri: callbackUrl, verify_token: verifyToken },
				safeToRepeat: true,
			});
		} else if (!appWasSubscribed) {
			// Meta sends a WABA's webhooks (to any callback) only once the app is subscribed to it.
			await graphRequest.call(context, { method: 'POST', url: `/${wabaId}/subscribed_apps`, body: {}, safeToRepeat: true });
		}
		done = true;
	} finally {
		if (!done && appCallback) await removeAppCallback(context, setup, callbackUrl).catch(() => undefined);
	}
	return { wabaId, callbackUrl, appWasSubscribed, override: routes.override.length > 0, appCallback, at: new Date().toISOString() };
}

async function removeAppCallback(context: IHookFunctions, app: Pick<TriggerSetup, 'appId' | 'appSecret'>, callbackUrl: string): Promise<boolean> {
	const current = await appSubscriptionOf(context, app);
	if (current?.callback_url !== callbackUrl) return false;
	await graphRequest.call(context, { method: 'DELETE', url: `/${app.appId}/subscriptions`, qs: { object: WEBHOOK_OBJECT }, appAccessToken: appToken(app) });
	return true;
}

/**
 * Gives back what activation took, so events go where they went before: the WABA's events to the
 * app-level callback (POST subscribed_apps without an override) when the app was subscribed before
 * activation, or nowhere (DELETE subscribed_apps) when it was not; the app's callback URL removed
 * when it is still ours. Anything that is no longer ours (someone changed it meanwhile) is left alone.
 */
export async function unsubscribe(
	context: IHookFunctions,
	record: Pick<SubscriptionRecord, 'wabaId' | 'callbackUrl' | 'appWasSubscribed' | 'override' | 'appCallback'>,
	appSecret: string,
): Promise<string> {
	const outcomes: string[] = [];
	if (record.appCallback) {
		const removed = appSecret ? await removeAppCallback(context, { appId: record.appCallback.appId, appSecret }, record.callbackUrl) : false;
		outcomes.push(removed ? 'removed the app\'s callback URL' : 'left the app\'s callback URL alone (not ours any more)');
	}
	const current = await listSubscribedApps(context, record.wabaId);
	const overridden = current.some((app) => !!app.override_callback_uri);
	const ours = current.some((app) => app.override_callback_uri === record.callbackUrl);
	if (record.override !== false && !ours) {
		outcomes.push('left the account\'s override alone (not ours any more)');
	} else if (record.appWasSubscribed && ours) {
		await graphRequest.call(context, { method: 'POST', url: `/${record.wabaId}/subscribed_apps`, body: {}, safeToRepeat: true });
		outcomes.push('gave the account\'s events back to the app\'s callback');
	} else if (!record.appWasSubscribed && (ours || !overridden)) {
		await graphRequest.call(context, { method: 'DELETE', url: `/${record.wabaId}/subscribed_apps` });
		outcomes.push('unsubscribed the app from the account');
	}
	return outcomes.join('; ') || 'nothing to give back';
}
