import type { EmulatorState, GraphObject } from './state';

interface Override {
	override_callback_uri?: string;
}
interface AppSubscription {
	object?: string;
	callback_url?: string;
	active?: boolean;
}

/**
 * GET /{phone-number-id}?fields=webhook_configuration: where Meta sends the number's `messages`
 * webhooks, as documented for webhook overrides (phone number, then WABA, then the app's callback).
 */
export function webhookConfigurationOf(state: EmulatorState, phone: GraphObject): Record<string, string> {
	const configuration: Record<string, string> = {};
	const phoneOverride = (phone.webhookConfiguration as Override | undefined)?.override_callback_uri;
	if (phoneOverride) configuration.phone_number = phoneOverride;
	const waba = state.get(String(phone.wabaId ?? ''));
	const wabaOverride = ((waba?.subscribedApps as Override[] | undefined) ?? []).filter((entry) => entry.override_callback_uri).at(-1)?.override_callback_uri;
	if (wabaOverride) configuration.whatsapp_business_account = wabaOverride;
	const app = state.get(state.ids.appId);
	const appCallback = ((app?.subscriptions as AppSubscription[] | undefined) ?? []).find((entry) => entry.object === 'whatsapp_business_account' && entry.active !== false)?.callback_url;
	if (appCallback) configuration.application = appCallback;
	return configuration;
}

export function webhookConfigurationField(state: EmulatorState, phone: GraphObject, fields: unknown): Record<string, unknown> {
	return typeof fields === 'string' && fields.split(',').some((field) => field.trim() === 'webhook_configuration')
		? { webhook_configuration: webhookConfigurationOf(state, phone) }
		: {};
}
