/**
 * Control routes of the emulator (not Graph paths): let a sandbox or a test make "Meta" act,
 * e.g. deliver an incoming customer message where Meta would: the WABA's override callback for the
 * fields overrides receive, the app's callback URL for the rest (see callbackFor).
 *
 *   POST /_emulator/inbound {text, from?, name?, wabaId?, phoneNumberId?}
 *   POST /_emulator/tap     {option?, to?, messageId?, id?}  (the customer taps a button / list row of the latest question)
 *   POST /_emulator/event   {field, wabaId?}   (any non-message field, e.g. message_template_status_update)
 *   GET  /_emulator/subscriptions
 *   POST /_emulator/group-join {groupId, from}   (a customer opens a group's invite link)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { customerJoins } from './routes/groups';
import { qrImage } from './qrImages';
import type { GraphEmulator } from './server';
import { destinationOf } from '../../nodes/WhatsAppBusinessPlatformTrigger/routing';
import { tapMessage } from './tap';
import { change, entry, fieldValues, messageBuilders, messagesValue, notification, contact, type Json } from './webhookEvents';

export const CONTROL_PREFIX = '/_emulator';

interface Subscription {
	whatsapp_business_api_data?: { id?: string };
	override_callback_uri?: string;
}

interface AppSubscription {
	object: string;
	callback_url: string;
	active: boolean;
	fields: Array<{ name: string }>;
}

function digits(value: unknown): string {
	return String(value ?? '').replace(/\D/g, '');
}

/**
 * Where Meta delivers `field` for a WABA (Meta's "Webhook overrides" page): nowhere unless the app
 * is subscribed to the WABA; a field overrides receive goes to the phone number's override callback,
 * else the WABA's, when one is set; everything else — and override fields without an override — goes
 * to the app's callback URL, if the app subscribed that field there.
 */
export function callbackFor(emulator: GraphEmulator, wabaId: string, field: string, phoneNumberId?: string): { url: string; via: 'override' | 'app' } | { error: string } {
	const { appId } = emulator.ids;
	const subscription = ((emulator.state.get(wabaId)?.subscribedApps as Subscription[] | undefined) ?? []).find((entry) => entry.whatsapp_business_api_data?.id === appId);
	if (!subscription) return { error: `WABA ${wabaId} has not subscribed the app (POST /${wabaId}/subscribed_apps): Meta sends it no webhooks` };
	if (destinationOf(field) === 'override') {
		const numberOverride = phoneNumberId ? (emulator.state.get(phoneNumberId)?.webhookConfiguration as Subscription | undefined)?.override_callback_uri : undefined;
		const override = numberOverride || subscription.override_callback_uri;
		if (override) return { url: override, via: 'override' };
	}
	const appCallback = ((emulator.state.get(appId)?.subscriptions as AppSubscription[] | undefined) ?? []).find((entry) => entry.object === 'whatsapp_business_account' && entry.active);
	const rule = destinationOf(field) === 'app' ? `${field} goes only to the app's callback URL (overrides never receive it)` : `WABA ${wabaId} has no override callback, so ${field} goes to the app's callback URL`;
	if (!appCallback) return { error: `${rule}, and the app has none (POST /${appId}/subscriptions)` };
	if (!appCallback.fields.some((entry) => entry.name === field)) return { error: `${rule}, and the app's subscription does not include ${field}` };
	return { url: appCallback.callback_url, via: 'app' };
}

function contextIds(emulator: GraphEmulator, wabaId: string, phoneNumberId?: string) {
	const phone = phoneNumberId
		? emulator.state.get(phoneNumberId)
		: emulator.state.list('phoneNumber', (object) => object.wabaId === wabaId)[0];
	return { wabaId, phoneNumberId: phone?.id ?? emulator.ids.phoneNumberId, displayPhoneNumber: digits(phone?.display_phone_number) || '15550100001' };
}

async function readJson(req: IncomingMessage): Promise<Json> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	return text ? (JSON.parse(text) as Json) : {};
}

function reply(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
	res.end(JSON.stringify(body));
}

export async function deliver(emulator: GraphEmulator, wabaId: string, field: string, payload: Json, phoneNumberId?: string) {
	const target = callbackFor(emulator, wabaId, field, phoneNumberId);
	if ('error' in target) return { status: 409, body: { delivered: false, error: target.error, payload } };
	try {
		const delivery = await emulator.sendWebhook(target.url, payload);
		return { status: 200, body: { delivered: delivery.status >= 200 && delivery.status < 300, url: target.url, via: target.via, callbackStatus: delivery.status, callbackBody: delivery.body.slice(0, 500), payload } };
	} catch (error) {
		return { status: 502, body: { delivered: false, url: target.url, via: target.via, error: String(error), payload } };
	}
}

/** Handles a request under /_emulator; returns false when the path is not a control path. */
export async function handleControl(emulator: GraphEmulator, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
	const path = (req.url ?? '').split('?')[0];
	if (path !== CONTROL_PREFIX && !path.startsWith(`${CONTROL_PREFIX}/`)) return false;
	try {
		const route = `${req.method} ${path.slice(CONTROL_PREFIX.length)}`;
		if (route === 'POST /inbound') {
			const body = await readJson(req);
			const wabaId = String(body.wabaId ?? emulator.ids.wabaId);
			const ids = contextIds(emulator, wabaId, body.phoneNumberId ? String(body.phoneNumberId) : undefined);
			const from = digits(body.from) || '16505551234';
			const message = messageBuilders.text({ from, timestamp: String(Math.floor(Date.now() / 1000)), text: { body: String(body.text ?? 'hello') } });
			const value = messagesValue({ messages: [message], contacts: [contact(from, String(body.name ?? 'Sandbox Customer'))], ids });
			const payload = notification([entry(wabaId, [change('messages', value)], Math.floor(Date.now() / 1000))]);
			const result = await deliver(emulator, wabaId, 'messages', payload, ids.phoneNumberId);
			reply(res, result.status, result.body);
		} else if (route === 'POST /tap') {
			const body = await readJson(req);
			let tap;
			try {
				tap = tapMessage(emulator, body);
			} catch (error) {
				reply(res, 404, { delivered: false, error: (error as Error).message });
				return true;
			}
			const phone = emulator.state.get(String(tap.question.phoneNumberId));
			const wabaId = String(phone?.wabaId ?? emulator.ids.wabaId);
			const value = messagesValue({ messages: [tap.message], contacts: [contact(String(tap.question.to), String(body.name ?? 'Sandbox Customer'))], ids: contextIds(emulator, wabaId, String(tap.question.phoneNumberId)) });
			const result = await deliver(emulator, wabaId, 'messages', notification([entry(wabaId, [change('messages', value)], Math.floor(Date.now() / 1000))]), String(tap.question.phoneNumberId));
			reply(res, result.status, { ...result.body, tapped: tap.question });
		} else if (route === 'POST /event') {
			const body = await readJson(req);
			const field = String(body.field ?? '');
			const build = fieldValues[field];
			if (!build) {
				reply(res, 400, { error: `unknown field ${field}; one of ${Object.keys(fieldValues).join(', ')}` });
				return true;
			}
			const wabaId = String(body.wabaId ?? emulator.ids.wabaId);
			const payload = notification([entry(wabaId, [change(field, build(contextIds(emulator, wabaId)))], Math.floor(Date.now() / 1000))]);
			const result = await deliver(emulator, wabaId, field, payload);
			reply(res, result.status, result.body);
		} else if (req.method === 'GET' && qrImage(path.slice(CONTROL_PREFIX.length))) {
			const image = qrImage(path.slice(CONTROL_PREFIX.length))!;
			emulator.state.cdnFetches.push({ path, authorization: req.headers.authorization });
			res.writeHead(200, { 'content-type': image.contentType });
			res.end(image.body);
		} else if (route === 'POST /group-join') {
			const body = await readJson(req);
			const group = emulator.state.get(String(body.groupId ?? ''));
			if (group?.type !== 'group') reply(res, 404, { error: `no group ${String(body.groupId)}` });
			else reply(res, 200, customerJoins({ emulator, state: emulator.state }, group, digits(body.from) || '16505551234'));
		} else if (route === 'GET /subscriptions') {
			const wabas = emulator.state.list('waba').map((waba) => ({ wabaId: waba.id, subscribedApps: waba.subscribedApps ?? [] }));
			reply(res, 200, { data: wabas, app: { id: emulator.ids.appId, subscriptions: emulator.state.get(emulator.ids.appId)?.subscriptions ?? [] } });
		} else {
			reply(res, 404, { error: `unknown control route ${route}; POST /_emulator/inbound, POST /_emulator/tap, POST /_emulator/event, GET /_emulator/subscriptions` });
		}
	} catch (error) {
		reply(res, 500, { error: String(error) });
	}
	return true;
}
