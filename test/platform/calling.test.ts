import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';

const env = useEmulator();

const calling = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'calling',
	operation,
	wabaId: byId(env.emulator.ids.wabaId),
	phoneNumberId: byId(env.emulator.ids.phoneNumberId),
	...extra,
});

const hours = {
	hours: {
		status: 'ENABLED',
		timezoneId: 'Europe/Berlin',
		weeklyHours: { period: [{ dayOfWeek: 'MONDAY', openTime: '09:00', closeTime: '12:00' }, { dayOfWeek: 'MONDAY', openTime: '13:00', closeTime: '17:30' }] },
		holidays: { holiday: [{ date: '2026-12-25T00:00:00', startTime: '00:00', endTime: '23:59' }] },
	},
};

describe('calling settings and permissions', () => {
	it('refuses permission reads while calling is off, with what to do; then turns calling on (account_settings_update) and reads it back', async () => {
		const { emulator, credentials } = env;
		const off = await runNode({ parameters: calling('getPermission', { customer: '+1 650 555 1234' }), credentials });
		expect(off.error?.message).toBe('Calling is not enabled on this phone number [code 138000]');
		expect(off.error?.description).toMatch(/^What to do: Turn calling on first: Calling → Update Settings/);

		const updated = await runNode({ parameters: calling('updateSettings', { callingSettings: { status: 'ENABLED', callIconVisibility: 'DEFAULT', callbackPermissionStatus: 'ENABLED', callHours: hours } }), credentials });
		expect(updated.error).toBeUndefined();
		expect(emulator.calls('POST', `/${emulator.ids.phoneNumberId}/settings`)[0].body).toEqual({
			calling: {
				status: 'ENABLED',
				call_icon_visibility: 'DEFAULT',
				callback_permission_status: 'ENABLED',
				call_hours: {
					status: 'ENABLED',
					timezone_id: 'Europe/Berlin',
					weekly_operating_hours: [
						{ day_of_week: 'MONDAY', open_time: '0900', close_time: '1200' },
						{ day_of_week: 'MONDAY', open_time: '1300', close_time: '1730' },
					],
					holiday_schedule: [{ date: '2026-12-25', start_time: '0000', end_time: '2359' }],
				},
			},
		});
		expect(emulator.state.emittedWebhooks.at(-1)).toMatchObject({ field: 'account_settings_update', value: { type: 'calling', calling: { status: 'ENABLED' } } });

		const read = await runNode({ parameters: calling('getSettings'), credentials });
		expect(read.items[0].json).toMatchObject({ phoneNumberId: emulator.ids.phoneNumberId, status: 'ENABLED', call_icon_visibility: 'DEFAULT', call_hours: { timezone_id: 'Europe/Berlin' } });

		const permission = await runNode({ parameters: calling('getPermission', { customer: '+1 650 555 1234' }), credentials });
		expect(emulator.calls('GET', `/${emulator.ids.phoneNumberId}/call_permissions`).at(-1)!.query.user_wa_id).toBe('16505551234');
		expect(permission.items[0].json).toMatchObject({ wa_id: '16505551234', permission: { status: 'denied' }, actions: [{ action_name: 'send_call_permission_request', can_perform_action: true }, { action_name: 'start_call', can_perform_action: false }] });
	});

	it('sends a call permission request message', async () => {
		const { emulator, credentials } = env;
		const { items, error } = await runNode({ parameters: calling('sendPermissionRequest', { customer: '+16505551234', body: 'We would like to call you about your order.' }), credentials });
		expect(error).toBeUndefined();
		expect(emulator.calls('POST', `/${emulator.ids.phoneNumberId}/messages`)[0].body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '16505551234',
			type: 'interactive',
			interactive: { type: 'call_permission_request', action: { name: 'call_permission_request' }, body: { text: 'We would like to call you about your order.' } },
		});
		expect(items[0].json.messageId).toMatch(/^wamid\./);
	});

	it('checks call hours, the message and the customer before sending', async () => {
		const { emulator, credentials } = env;
		const message = async (parameters: Record<string, unknown>) => (await runNode({ parameters, credentials })).error?.message;
		const withHours = (change: Record<string, unknown>) => calling('updateSettings', { callingSettings: { callHours: { hours: { ...hours.hours, ...change } } } });
		expect(await message(withHours({ timezoneId: '' }))).toBe('Call Hours: Time Zone: a time zone is required, e.g. Europe/Berlin');
		expect(await message(withHours({ weeklyHours: { period: [{ dayOfWeek: 'MONDAY', openTime: '9am', closeTime: '17:00' }] } }))).toBe('Call Hours: MONDAY: "9am" is not a time: use 24-hour HH:MM, e.g. 09:00 or 17:30');
		expect(await message(withHours({ weeklyHours: { period: [{ dayOfWeek: 'MONDAY', openTime: '17:00', closeTime: '09:00' }] } }))).toBe('Call Hours: MONDAY: closes (0900) before it opens (1700)');
		expect(await message(withHours({ weeklyHours: { period: [{ dayOfWeek: 'FRIDAY', openTime: '09:00', closeTime: '12:00' }, { dayOfWeek: 'FRIDAY', openTime: '11:00', closeTime: '15:00' }] } }))).toBe('Call Hours: FRIDAY: opening periods overlap');
		const three = [['08:00', '09:00'], ['10:00', '11:00'], ['12:00', '13:00']].map(([openTime, closeTime]) => ({ dayOfWeek: 'MONDAY', openTime, closeTime }));
		expect(await message(withHours({ weeklyHours: { period: three } }))).toBe('Call Hours: MONDAY: at most 2 opening periods per day');
		const holidays = Array.from({ length: 21 }, (_, index) => ({ date: `2026-01-${String(index + 1).padStart(2, '0')}` }));
		expect(await message(withHours({ holidays: { holiday: holidays } }))).toBe('Call Hours: Holidays: at most 20 holidays, got 21');
		expect(await message(calling('updateSettings', { callingSettings: {} }))).toBe('Settings: add at least one setting to change');
		expect(await message(calling('sendPermissionRequest', { customer: '+16505551234', body: 'x'.repeat(1025) }))).toBe('Message: at most 1024 characters allowed, got 1025');
		expect(await message(calling('getPermission', { customer: 'ana' }))).toBe('Customer Phone Number: "ana" is not a phone number with its country code (7 to 15 digits)');
		expect(emulator.requests).toHaveLength(0);
	});
});
