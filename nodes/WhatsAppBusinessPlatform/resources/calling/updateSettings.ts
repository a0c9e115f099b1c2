import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneTarget } from '../../shared/phoneTarget';
import { InputError } from '../../shared/validation';
import { callingRequest, phoneNumberIdOf, show } from './fields';
import { callHoursOf, DAYS } from './hours';

const onOff = [
	{ name: 'Enabled', value: 'ENABLED' },
	{ name: 'Disabled', value: 'DISABLED' },
];
const time = (displayName: string, name: string, defaultValue: string) => ({ displayName, name, type: 'string' as const, default: defaultValue, placeholder: 'HH:MM', description: '24-hour time, e.g. 09:00' });

export const updateCallingSettings: INodeProperties[] = [
	...phoneTarget(show('updateSettings'), 'The business phone number whose calling settings to change'),
	{
		displayName: 'Settings',
		name: 'callingSettings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		displayOptions: { show: show('updateSettings') },
		options: [
			{ displayName: 'Status', name: 'status', type: 'options', default: 'ENABLED', options: onOff, description: 'Whether customers can call this number and the business can call customers' },
			{
				displayName: 'Call Button',
				name: 'callIconVisibility',
				type: 'options',
				default: 'DEFAULT',
				options: [
					{ name: 'Shown', value: 'DEFAULT', description: 'The call button shows in the chat and the business profile' },
					{ name: 'Hidden', value: 'DISABLE_ALL', description: 'No call button; calls can still start from call buttons in messages' },
				],
			},
			{ displayName: 'Callback Permission', name: 'callbackPermissionStatus', type: 'options', default: 'ENABLED', options: onOff, description: 'Whether a customer who calls the business grants it permission to call back' },
			{
				displayName: 'Call Hours',
				name: 'callHours',
				type: 'fixedCollection',
				default: {},
				description: 'When the business takes calls; outside these hours customers see when to call back',
				options: [
					{
						displayName: 'Call Hours',
						name: 'hours',
						values: [
							{ displayName: 'Status', name: 'status', type: 'options', default: 'ENABLED', options: onOff },
							{ displayName: 'Time Zone', name: 'timezoneId', type: 'string', default: '', placeholder: 'Europe/Berlin', description: 'The time zone the hours are in (IANA name)' },
							{
								displayName: 'Weekly Hours',
								name: 'weeklyHours',
								type: 'fixedCollection',
								typeOptions: { multipleValues: true },
								default: {},
								description: 'At most 2 opening periods per day',
								options: [
									{
										displayName: 'Opening Period',
										name: 'period',
										values: [
											{ displayName: 'Day', name: 'dayOfWeek', type: 'options', default: 'MONDAY', options: DAYS.map((day) => ({ name: day[0] + day.slice(1).toLowerCase(), value: day })) },
											time('Opens', 'openTime', '09:00'),
											time('Closes', 'closeTime', '17:00'),
										],
									},
								],
							},
							{
								displayName: 'Holidays',
								name: 'holidays',
								type: 'fixedCollection',
								typeOptions: { multipleValues: true },
								default: {},
								description: 'Days with other hours, at most 20',
								options: [
									{
										displayName: 'Holiday',
										name: 'holiday',
										values: [
											{ displayName: 'Date', name: 'date', type: 'dateTime', default: '' },
											time('Closed From', 'startTime', '00:00'),
											time('Closed Until', 'endTime', '23:59'),
										],
									},
								],
							},
						],
					},
				],
			},
		],
	},
];

export async function updateSettings(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const phoneNumberId = phoneNumberIdOf(this, itemIndex);
	const settings = this.getNodeParameter('callingSettings', itemIndex, {}) as IDataObject;
	const calling: IDataObject = {};
	if (settings.status !== undefined) calling.status = settings.status;
	if (settings.callIconVisibility !== undefined) calling.call_icon_visibility = settings.callIconVisibility;
	if (settings.callbackPermissionStatus !== undefined) calling.callback_permission_status = settings.callbackPermissionStatus;
	const hours = ((settings.callHours ?? {}) as IDataObject).hours as IDataObject | undefined;
	if (hours) calling.call_hours = callHoursOf(hours);
	if (!Object.keys(calling).length) throw new InputError('Settings', 'add at least one setting to change');
	// Setting the same values twice leaves the same settings.
	const answer = await callingRequest(this, { method: 'POST', url: `/${phoneNumberId}/settings`, body: { calling }, safeToRepeat: true, itemIndex });
	return [{ json: { ...answer, phoneNumberId, calling } }];
}
