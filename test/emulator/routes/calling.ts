import { GraphError, invalidParameter } from '../graphError';
import { emitWebhook, phoneMetadata } from '../platformEvents';
import type { GraphObject } from '../state';
import type { Route } from './types';

/**
 * A number's settings (POST /{phone-number-id}/settings takes one feature per request) and customers'
 * call permissions. Meta's calling reference writes values in capitals (ENABLED, DEFAULT); the v23 spec
 * in lower case (enabled, visible): both are accepted, as sent.
 */
const ON_OFF = ['ENABLED', 'DISABLED'];
const ICON = ['DEFAULT', 'DISABLE_ALL', 'VISIBLE', 'HIDDEN'];
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const FEATURES = ['calling', 'user_identity_change', 'payload_encryption', 'storage_configuration'];

type Json = Record<string, unknown>;

const callingOf = (phone: GraphObject) => (phone.callingSettings ??= { status: 'DISABLED', call_icon_visibility: 'DEFAULT', callback_permission_status: 'DISABLED' }) as Json;
const oneOf = (field: string, value: unknown, allowed: string[]) => {
	if (value !== undefined && !allowed.includes(String(value).toUpperCase())) throw invalidParameter(`${field} must be one of ${allowed.join(', ')}`);
};
const time = (field: string, value: unknown) => {
	if (!/^([01][0-9]|2[0-3])[0-5][0-9]$/.test(String(value ?? ''))) throw invalidParameter(`${field} must be HHMM`);
};

function checkCallHours(hours: Json): void {
	oneOf('call_hours.status', hours.status, ON_OFF);
	const weekly = (hours.weekly_operating_hours ?? []) as Json[];
	if (String(hours.status).toUpperCase() === 'ENABLED' && (!hours.timezone_id || !weekly.length)) throw invalidParameter('call_hours needs timezone_id and weekly_operating_hours when enabled');
	if (weekly.length > 14) throw invalidParameter('call_hours.weekly_operating_hours: at most 14 entries');
	for (const entry of weekly) {
		oneOf('weekly_operating_hours.day_of_week', entry.day_of_week, DAYS);
		time('open_time', entry.open_time);
		time('close_time', entry.close_time);
		if (String(entry.close_time) <= String(entry.open_time)) throw invalidParameter('close_time must be after open_time');
	}
	const holidays = (hours.holiday_schedule ?? []) as Json[];
	if (holidays.length > 20) throw invalidParameter('call_hours.holiday_schedule: at most 20 entries');
	for (const holiday of holidays) {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(String(holiday.date ?? ''))) throw invalidParameter('holiday_schedule.date must be YYYY-MM-DD');
		time('start_time', holiday.start_time);
		time('end_time', holiday.end_time);
	}
}

export const callingRoutes: Route[] = [
	{
		method: 'GET',
		target: 'phoneNumber',
		edge: 'settings',
		operationId: 'getPhoneNumberSettings',
		handler: ({ object }) => ({ calling: { ...callingOf(object!), ip_addresses: { default: ['157.240.0.1', '157.240.0.2'] } }, storage_configuration: { status: 'default' } }),
	},
	{
		method: 'POST',
		target: 'phoneNumber',
		edge: 'settings',
		// Not checked against the v23 spec: its oneOf demands every feature at once, and its enums are lower case
		// while Meta's calling reference sends ENABLED / DEFAULT. The rules below check the body instead.
		handler: (context) => {
			const phone = context.object!;
			const body = context.req.body as Json;
			const features = Object.keys(body).filter((key) => FEATURES.includes(key));
			if (features.length !== 1) throw invalidParameter(`Give exactly one of ${FEATURES.join(', ')} per request`);
			if (features[0] !== 'calling') {
				phone[`${features[0]}Settings`] = body[features[0]];
				return { success: true };
			}
			const calling = (body.calling ?? {}) as Json;
			oneOf('calling.status', calling.status, ON_OFF);
			oneOf('calling.call_icon_visibility', calling.call_icon_visibility, ICON);
			oneOf('calling.callback_permission_status', calling.callback_permission_status, ON_OFF);
			if (calling.call_hours) checkCallHours(calling.call_hours as Json);
			const stored = Object.assign(callingOf(phone), calling);
			emitWebhook(context, String(phone.wabaId), 'account_settings_update', { messaging_product: 'whatsapp', metadata: phoneMetadata(context, phone.id), timestamp: String(Math.floor(Date.now() / 1000)), type: 'calling', calling: stored });
			return { success: true };
		},
	},
	{
		method: 'GET',
		target: 'phoneNumber',
		edge: 'call_permissions',
		handler: ({ object, req }) => {
			const phone = object!;
			const waId = String(req.query.user_wa_id ?? '').replace(/\D/g, '');
			if (!waId) throw invalidParameter('user_wa_id is required');
			if (String(callingOf(phone).status).toUpperCase() !== 'ENABLED') {
				throw new GraphError(400, 138000, 'Calling not enabled', { details: 'Calling is not enabled on this business phone number' });
			}
			const permission = ((phone.callPermissions ?? {}) as Record<string, Json>)[waId] ?? { status: 'denied' }; // the spec's statuses: granted, pending, denied, expired
			const granted = permission.status === 'granted';
			return {
				messaging_product: 'whatsapp',
				permission,
				actions: [
					{ action_name: 'send_call_permission_request', can_perform_action: !granted, limits: [{ time_period: 'PT24H', max_allowed: 1, current_usage: 0 }] },
					{ action_name: 'start_call', can_perform_action: granted, limits: [{ time_period: 'PT24H', max_allowed: 5, current_usage: 0 }] },
				],
			};
		},
	},
];
