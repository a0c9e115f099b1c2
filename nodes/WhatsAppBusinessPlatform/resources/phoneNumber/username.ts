import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { asText, fail, validated } from '../../shared/validation';
import { phoneNumberTarget, show } from './fields';

/**
 * Business usernames (Meta: "Business-scoped user IDs" → business usernames): one per business
 * phone number, searchable by customers. GET, POST and DELETE on /{phone-number-id}/username.
 */

const DOMAIN_ENDINGS = ['.com', '.org', '.net', '.int', '.edu', '.gov', '.mil', '.us', '.in', '.html'];

/** Meta's format: 3–35 English letters, digits, periods and underscores, with at least one letter, and no web-address look. */
export function checkUsername(value: unknown): string {
	const username = asText('Username', value).trim().replace(/^@/, '');
	const problem =
		username.length < 3 || username.length > 35
			? `has ${username.length} characters; a username has 3 to 35`
			: !/^[A-Za-z0-9._]+$/.test(username)
				? 'may contain only English letters, digits, periods and underscores'
				: !/[A-Za-z]/.test(username)
					? 'needs at least one English letter'
					: username.startsWith('.') || username.endsWith('.') || username.includes('..')
						? 'may not start or end with a period or have two periods in a row'
						: /^www/i.test(username) || DOMAIN_ENDINGS.some((ending) => username.toLowerCase().endsWith(ending))
							? 'may not look like a web address (start with www or end with .com, .net, .org, …)'
							: undefined;
	if (problem) fail('Username', `"${username}" ${problem}`);
	return username;
}

async function buildUsernameBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const username = validated(this, () => checkUsername(this.getNodeParameter('username', '')));
	const transfer = this.getNodeParameter('transferFromOtherNumber', false) as boolean;
	requestOptions.body = { username, ...(transfer ? { transfer_action: 'force_transfer' } : {}) };
	return requestOptions;
}

export const usernameOperations = (phoneUrl: string, withPhoneId: NonNullable<NonNullable<INodeProperties['routing']>['output']>['postReceive']) => ({
	deleteUsername: {
		name: 'Delete Username',
		value: 'deleteUsername',
		action: 'Delete the business username of a phone number',
		description: 'Remove the username customers can find the number by',
		routing: { request: { method: 'DELETE' as const, url: `${phoneUrl}/username` }, output: { postReceive: withPhoneId } },
	},
	getUsername: {
		name: 'Get Username',
		value: 'getUsername',
		action: 'Get the business username of a phone number',
		description: 'Read the number\'s username and its status (reserved until usernames go live, then approved)',
		routing: { request: { method: 'GET' as const, url: `${phoneUrl}/username` }, output: { postReceive: withPhoneId } },
	},
	setUsername: {
		name: 'Set Username',
		value: 'setUsername',
		action: 'Set the business username of a phone number',
		description: 'Request (reserve) a username customers can search for, or change it',
		routing: {
			request: { method: 'POST' as const, url: `${phoneUrl}/username` },
			send: { preSend: [buildUsernameBody] },
			output: { postReceive: withPhoneId },
		},
	},
});

export const usernameFields: INodeProperties[] = [
	...phoneNumberTarget('getUsername', 'The phone number whose username to read'),
	...phoneNumberTarget('setUsername', 'The phone number to give the username'),
	...phoneNumberTarget('deleteUsername', 'The phone number whose username to remove'),
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'acme_support',
		description: '3 to 35 English letters, digits, periods and underscores, with at least one letter; it may not look like a web address',
		displayOptions: { show: show('setUsername') },
	},
	{
		displayName: 'Take It From Another Number',
		name: 'transferFromOtherNumber',
		type: 'boolean',
		default: false,
		description: 'Whether to move the username from another phone number of the same business portfolio (otherwise Meta refuses a username that number already has)',
		displayOptions: { show: show('setUsername') },
	},
];
