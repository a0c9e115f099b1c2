/**
 * Control routes of the emulator (not Graph paths): let a sandbox or a test make "Meta" act,
 * e.g. deliver an incoming customer message to the callback a WABA subscribed with.
 *
 *   POST /_emulator/inbound {text, from?, name?, wabaId?, phoneNumberId?}
 *   POST /_emulator/event   {field, wabaId?}   (any non-message field, e.g. message_template_status_update)
 *   GET  /_emulator/subscriptions
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { GraphEmulator } from './server';
import { change, entry, fieldValues, messageBuilders, messagesValue, notification, contact, type Json } from './webhookEvents';

export const CONTROL_PREFIX = '/_emulator';

interface Subscription {
	override_callback_uri?: string;
}

function digits(value: unknown): string {
	return String(value ?? '').replace(/\D/g, '');
}

function callbackOf(emulator: GraphEmulator, wabaId: string): string | undefined {
	const waba = emulator.state.get(wabaId);
	const subscriptions = ((waba?.subscribedApps as Subscription[] | undefined) ?? []).filter((entry) => entry.override_callback_uri);
	return subscriptions.at(-1)?.override_callback_uri;
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

async function deliver(emulator: GraphEmulator, wabaId: string, payload: Json) {
	const url = callbackOf(emulator, wabaId);
	if (!url) {
		return { status: 409, body: { delivered: false, error: `WABA ${wabaId} has no subscription with override_callback_uri (publish a trigger workflow in automatic mode first)`, payload } };
	}
	try {
		const delivery = await emulator.sendWebhook(url, payload);
		return { status: 200, body: { delivered: delivery.status >= 200 && delivery.status < 300, url, callbackStatus: delivery.status, callbackBody: delivery.body.slice(0, 500), payload } };
	} catch (error) {
		return { status: 502, body: { delivered: false, url, error: String(error), payload } };
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
			const result = await deliver(emulator, wabaId, payload);
			reply(res, result.status, result.body);
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
			const result = await deliver(emulator, wabaId, payload);
			reply(res, result.status, result.body);
		} else if (route === 'GET /subscriptions') {
			const wabas = emulator.state.list('waba').map((waba) => ({ wabaId: waba.id, subscribedApps: waba.subscribedApps ?? [] }));
			reply(res, 200, { data: wabas });
		} else {
			reply(res, 404, { error: `unknown control route ${route}; POST /_emulator/inbound, POST /_emulator/event, GET /_emulator/subscriptions` });
		}
	} catch (error) {
		reply(res, 500, { error: String(error) });
	}
	return true;
}
