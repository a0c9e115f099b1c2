import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../shared/validation';

export const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
/** Meta's call hours limits: at most 2 opening periods per day (14 a week) and 20 holidays; times as HHMM. */
export const CALL_HOURS_LIMITS = { periodsPerDay: 2, holidays: 20 };

function hhmm(field: string, value: unknown): string {
	const text = String(value ?? '').replace(':', '').trim();
	if (!/^([01][0-9]|2[0-3])[0-5][0-9]$/.test(text)) throw new InputError(field, `"${String(value ?? '')}" is not a time: use 24-hour HH:MM, e.g. 09:00 or 17:30`);
	return text;
}

function checkedPeriod(field: string, open: unknown, close: unknown): [string, string] {
	const from = hhmm(field, open);
	const to = hhmm(field, close);
	if (to <= from) throw new InputError(field, `closes (${to}) before it opens (${from})`);
	return [from, to];
}

/** The call_hours object Meta takes, from the node's fields; every documented limit checked. */
export function callHoursOf(hours: IDataObject): IDataObject {
	const status = String(hours.status ?? 'ENABLED');
	const timezone = String(hours.timezoneId ?? '').trim();
	if (status === 'ENABLED' && !timezone) throw new InputError('Call Hours: Time Zone', 'a time zone is required, e.g. Europe/Berlin');
	if (timezone.length > 64 || (timezone && !/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(timezone))) throw new InputError('Call Hours: Time Zone', `"${timezone}" is not a time zone name such as America/New_York`);
	const periods = (((hours.weeklyHours ?? {}) as IDataObject).period ?? []) as IDataObject[];
	const perDay = new Map<string, Array<[string, string]>>();
	const weekly = periods.map((period) => {
		const day = String(period.dayOfWeek ?? '');
		if (!DAYS.includes(day)) throw new InputError('Call Hours: Day', `"${day}" is not a day of the week`);
		const [open, close] = checkedPeriod(`Call Hours: ${day}`, period.openTime, period.closeTime);
		const sameDay = perDay.get(day) ?? [];
		if (sameDay.length >= CALL_HOURS_LIMITS.periodsPerDay) throw new InputError(`Call Hours: ${day}`, `at most ${CALL_HOURS_LIMITS.periodsPerDay} opening periods per day`);
		if (sameDay.some(([from, to]) => open < to && from < close)) throw new InputError(`Call Hours: ${day}`, 'opening periods overlap');
		perDay.set(day, [...sameDay, [open, close]]);
		return { day_of_week: day, open_time: open, close_time: close };
	});
	if (status === 'ENABLED' && !weekly.length) throw new InputError('Call Hours: Weekly Hours', 'add at least one opening period, or set call hours to Disabled');
	const holidays = (((hours.holidays ?? {}) as IDataObject).holiday ?? []) as IDataObject[];
	if (holidays.length > CALL_HOURS_LIMITS.holidays) throw new InputError('Call Hours: Holidays', `at most ${CALL_HOURS_LIMITS.holidays} holidays, got ${holidays.length}`);
	const holidaySchedule = holidays.map((holiday) => {
		const date = String(holiday.date ?? '').slice(0, 10);
		if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw new InputError('Call Hours: Holiday Date', `"${String(holiday.date ?? '')}" is not a date (YYYY-MM-DD)`);
		const [start, end] = checkedPeriod(`Call Hours: Holiday ${date}`, holiday.startTime ?? '00:00', holiday.endTime ?? '23:59');
		return { date, start_time: start, end_time: end };
	});
	return {
		status,
		...(timezone ? { timezone_id: timezone } : {}),
		...(weekly.length ? { weekly_operating_hours: weekly } : {}),
		...(holidaySchedule.length ? { holiday_schedule: holidaySchedule } : {}),
	};
}
