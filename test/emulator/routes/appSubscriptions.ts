import { randomBytes } from 'node:crypto';

import { GraphError } from '../graphError';
import type { TokenGrant } from '../state';
import type { Route } from './types';

/** An app-level webhook subscription (Graph: /{app-id}/subscriptions), as n8n's built-in WhatsApp Trigger manages it. */
interface AppSubscription {
	object: string;
	callback_url: string;
	active: boolean;
	fields: Array<{ name: string; version: string }>;
}

function fieldNames(raw: unknown): string[] {
	if (Array.isArray(raw)) return raw.map(String);
	if (typeof raw !== 'string') return [];
	try {
		const parsed = JSON.parse(raw);
		if (Array.isArray(parsed)) return parsed.map(String);
	} catch {
		// comma-separated, as Graph also accepts
	}
	return raw.split(',').map((name) => name.trim()).filter(Boolean);
}

/** Meta answers app webhook calls made with a user or system-user token with (#15). */
function requireAppToken(grant: TokenGrant): void {
	if (!grant.app) throw new GraphError(400, 15, '(#15) This method must be called with an app access_token.', { type: 'OAuthException' });
}

/**
 * App access tokens (client_credentials) and app webhook subscriptions: the calls n8n's built-in
 * WhatsApp Trigger makes on publish and unpublish. POST does the verification handshake first.
 */
export const appSubscriptionsRoutes: Route[] = [
	{
		method: 'POST',
		target: 'oauth',
		edge: 'access_token',
		unauthenticated: true,
		handler: ({ req, state }) => {
			const { client_id: clientId, client_secret: clientSecret, grant_type: grantType } = req.params as Record<string, unknown>;
			if (grantType !== 'client_credentials' || String(clientId) !== state.ids.appId || String(clientSecret) !== state.ids.appSecret) {
				throw new GraphError(400, 1, 'Error validating client secret.', { type: 'OAuthException' });
			}
			const token = `${state.ids.appId}|${randomBytes(12).toString('base64url')}`;
			state.tokens.set(token, { userId: state.ids.systemUserId, app: true });
			return { body: { access_token: token, token_type: 'bearer' } };
		},
	},
	{
		method: 'GET',
		target: 'app',
		edge: 'subscriptions',
		handler: ({ object, grant }) => {
			requireAppToken(grant);
			return { data: (object!.subscriptions as AppSubscription[]) ?? [] };
		},
	},
	{
		method: 'POST',
		target: 'app',
		edge: 'subscriptions',
		handler: async ({ object, req, emulator, grant }) => {
			requireAppToken(grant);
			const params = req.params as Record<string, unknown>;
			const callbackUrl = String(params.callback_url ?? '');
			const verifyToken = String(params.verify_token ?? '');
			const subscribedObject = String(params.object ?? '');
			if (!subscribedObject || !/^https?:\/\//.test(callbackUrl)) throw new GraphError(400, 100, '(#100) object and a valid callback_url are required');
			const handshake = await emulator.verifyCallback(callbackUrl, verifyToken);
			if (!handshake.ok) {
				throw new GraphError(400, 2200, `(#2200) Callback verification failed with the following errors: HTTP Status Code = ${handshake.status}; HTTP Message = The callback URL did not answer the challenge`);
			}
			const version = req.version ?? 'v19.0';
			const others = ((object!.subscriptions as AppSubscription[]) ?? []).filter((entry) => entry.object !== subscribedObject);
			others.push({ object: subscribedObject, callback_url: callbackUrl, active: true, fields: fieldNames(params.fields).map((name) => ({ name, version })) });
			object!.subscriptions = others;
			return { success: true };
		},
	},
	{
		method: 'DELETE',
		target: 'app',
		edge: 'subscriptions',
		handler: ({ object, req, grant }) => {
			requireAppToken(grant);
			const subscribedObject = (req.params as Record<string, unknown>).object;
			object!.subscriptions = subscribedObject ? ((object!.subscriptions as AppSubscription[]) ?? []).filter((entry) => entry.object !== subscribedObject) : [];
			return { success: true };
		},
	},
];
