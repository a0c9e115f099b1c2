import { GraphError } from '../graphError';
import type { Route } from './types';

interface Subscription {
	whatsapp_business_api_data: { id: string; link: string; name: string };
	override_callback_uri?: string;
}

/** App subscriptions of a WABA, with the per-WABA callback override and its handshake. */
export const subscribedAppsRoutes: Route[] = [
	{
		method: 'GET',
		target: 'waba',
		edge: 'subscribed_apps',
		operationId: 'getAllSubscriptionsForAWaba',
		handler: ({ object }) => ({ data: (object!.subscribedApps as Subscription[]) ?? [] }),
	},
	{
		method: 'POST',
		target: 'waba',
		edge: 'subscribed_apps',
		operationId: 'subscribeToWabaWebhooks',
		handler: async ({ object, req, state, emulator }) => {
			const { override_callback_uri: uri, verify_token: verifyToken } = req.params as Record<string, string | undefined>;
			if (uri !== undefined && !verifyToken) {
				throw new GraphError(400, 100, '(#100) The parameter verify_token is required when override_callback_uri is given');
			}
			if (uri !== undefined) {
				if (!/^https?:\/\//.test(uri)) throw new GraphError(400, 100, '(#100) override_callback_uri must be a valid URL');
				// Meta's "Webhook overrides" page: at most 200 characters.
				if (uri.length > 200) throw new GraphError(400, 100, '(#100) Param override_callback_uri must be at most 200 characters long.');
				const handshake = await emulator.verifyCallback(uri, verifyToken!);
				if (!handshake.ok) {
					throw new GraphError(400, 2200, `(#2200) Callback verification failed with the following errors: HTTP Status Code = ${handshake.status}; HTTP Message = The callback URL did not answer the challenge`);
				}
			}
			const app = state.get(state.ids.appId)!;
			const subscriptions = ((object!.subscribedApps as Subscription[]) ?? []).filter((entry) => entry.whatsapp_business_api_data.id !== app.id);
			subscriptions.push({
				whatsapp_business_api_data: { id: app.id, link: String(app.link), name: String(app.name) },
				...(uri ? { override_callback_uri: uri } : {}),
			});
			object!.subscribedApps = subscriptions;
			return { success: true };
		},
	},
	{
		method: 'DELETE',
		target: 'waba',
		edge: 'subscribed_apps',
		operationId: 'unsubscribeFromWabaWebhooks',
		handler: ({ object, state }) => {
			object!.subscribedApps = ((object!.subscribedApps as Subscription[]) ?? []).filter((entry) => entry.whatsapp_business_api_data.id !== state.ids.appId);
			return { success: true };
		},
	},
];
