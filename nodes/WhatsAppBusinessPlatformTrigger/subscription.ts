import { NodeOperationError, type IDataObject, type IHookFunctions } from 'n8n-workflow';

import { graphRequest } from '../WhatsAppBusinessPlatform/shared/transport';

/** What the trigger did when it was activated, kept in the node's static data. */
export interface SubscriptionRecord {
	wabaId: string;
	callbackUrl: string;
	/** Was the app already subscribed to the WABA (without an override of ours) before we came? */
	appWasSubscribed: boolean;
	at: string;
}

interface SubscribedApp {
	whatsapp_business_api_data?: { id?: string; name?: string };
	override_callback_uri?: string;
}

export function wabaIdOf(context: IHookFunctions): string {
	return String(context.getNodeParameter('wabaId', '', { extractValue: true }) ?? '').trim();
}

export async function listSubscribedApps(context: IHookFunctions, wabaId: string): Promise<SubscribedApp[]> {
	const answer = await graphRequest.call<IHookFunctions, Parameters<typeof graphRequest>, Promise<IDataObject>>(context, {
		url: `/${wabaId}/subscribed_apps`,
	});
	return (answer.data ?? []) as SubscribedApp[];
}

/**
 * Subscribes the app to the WABA with this trigger's URL as the WABA's callback
 * (`override_callback_uri`). Meta checks the URL right away with the verification handshake,
 * which this trigger's GET webhook answers with the credential's verify token.
 */
export async function subscribe(context: IHookFunctions, wabaId: string, callbackUrl: string, verifyToken: string): Promise<SubscriptionRecord> {
	const before = await listSubscribedApps(context, wabaId);
	const overrides = before.map((app) => app.override_callback_uri).filter((uri): uri is string => !!uri && uri !== callbackUrl);
	if (overrides.length) {
		throw new NodeOperationError(
			context.getNode(),
			`WhatsApp Business Account ${wabaId} already sends its webhooks to another callback URL (${overrides[0]})`,
			{
				description:
					'Another workflow (or an earlier setup) owns this account\'s events. Deactivate that workflow first — it removes its override on deactivation — or, if nothing uses that URL any more, remove it with the WhatsApp Business Platform node (Account → webhook subscriptions) and activate this workflow again. While a workflow is active, "Listen for test event" on a copy of its trigger cannot take its events over.',
			},
		);
	}
	await graphRequest.call(context, {
		method: 'POST',
		url: `/${wabaId}/subscribed_apps`,
		body: { override_callback_uri: callbackUrl, verify_token: verifyToken },
		// Subscribing again with the same URL changes nothing, so a retry is harmless.
		safeToRepeat: true,
	});
	return { wabaId, callbackUrl, appWasSubscribed: before.length > 0, at: new Date().toISOString() };
}

/**
 * Removes this trigger's override so the WABA's events go back where they went before: to the
 * app-level callback (POST subscribed_apps without an override) when the app was subscribed
 * before activation, or nowhere (DELETE subscribed_apps) when it was not. An override that is no
 * longer ours (someone changed it meanwhile) is left alone.
 */
export async function unsubscribe(context: IHookFunctions, record: Pick<SubscriptionRecord, 'wabaId' | 'callbackUrl' | 'appWasSubscribed'>): Promise<'restoredAppCallback' | 'unsubscribed' | 'notOurs'> {
	const current = await listSubscribedApps(context, record.wabaId);
	const ours = current.some((app) => app.override_callback_uri === record.callbackUrl);
	if (!ours) return 'notOurs';
	if (record.appWasSubscribed) {
		await graphRequest.call(context, { method: 'POST', url: `/${record.wabaId}/subscribed_apps`, body: {}, safeToRepeat: true });
		return 'restoredAppCallback';
	}
	await graphRequest.call(context, { method: 'DELETE', url: `/${record.wabaId}/subscribed_apps` });
	return 'unsubscribed';
}
