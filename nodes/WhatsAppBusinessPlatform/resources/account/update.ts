import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { wabaLocator } from '../../shared/locatorFields';
import { checkMaxLength, InputError, validated } from '../../shared/validation';

const show = { resource: ['account'], operation: ['update'] };

/** Refuses an update that changes nothing, and checks the name's length, before sending. */
export async function checkAccountUpdate(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const body = (requestOptions.body ?? {}) as Record<string, unknown>;
	validated(this, () => {
		if (!Object.keys(body).length) throw new InputError('Update Fields', 'choose at least one field to change');
		if (body.name !== undefined && String(body.name).trim() === '') throw new InputError('Name', 'must not be empty');
		checkMaxLength('Name', body.name, 100);
	});
	return requestOptions;
}

export const updateAccount: INodeProperties[] = [
	wabaLocator(show),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The settings of the account to change',
		displayOptions: { show },
		options: [
			{
				displayName: 'Enable Insights',
				name: 'isEnabledForInsights',
				type: 'boolean',
				default: true,
				description:
					'Whether to turn on template insights (needed for template analytics). Once on, it cannot be turned off again.',
				routing: { send: { type: 'body', property: 'is_enabled_for_insights' } },
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The new name of the account (up to 100 characters)',
				routing: { send: { type: 'body', property: 'name' } },
			},
			{
				displayName: 'Time Zone ID',
				name: 'timezoneId',
				type: 'string',
				default: '',
				placeholder: '1',
				description: 'Meta\'s numeric ID of the time zone the account reports in (e.g. 1 for America/Los_Angeles)',
				routing: { send: { type: 'body', property: 'timezone_id' } },
			},
		],
	},
];
