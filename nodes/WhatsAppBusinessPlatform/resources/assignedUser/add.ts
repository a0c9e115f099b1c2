import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { wabaLocator } from '../../shared/locatorFields';
import { checkGraphId, InputError, validated } from '../../shared/validation';
import { parameterValue } from '../../shared/output';

const show = { resource: ['assignedUser'], operation: ['add'] };

export const USER_TASKS: Array<[string, string, string]> = [
	['DEVELOP', 'Develop', 'Build and change integrations, including webhooks and API access'],
	['MANAGE', 'Manage (Full Control)', 'Everything, including managing people and settings'],
	['MANAGE_EXTENSIONS', 'Manage Extensions', 'Manage WhatsApp Flows and other extensions'],
	['MANAGE_PHONE', 'Manage Phone Numbers', 'Add, register and configure phone numbers'],
	['MANAGE_PHONE_ASSETS', 'Manage Phone Assets', 'Manage the assets of phone numbers'],
	['MANAGE_TEMPLATES', 'Manage Templates', 'Create, edit and delete message templates'],
	['MESSAGING', 'Messaging', 'Send and receive messages'],
	['VIEW_COST', 'View Cost', 'See spending and analytics'],
	['VIEW_PHONE_ASSETS', 'View Phone Assets', 'See the assets of phone numbers'],
	['VIEW_TEMPLATES', 'View Templates', 'See message templates'],
];

export async function buildAddUserBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const user = parameterValue(this, 'userId').trim();
	const tasks = (this.getNodeParameter('tasks', []) as string[]) ?? [];
	validated(this, () => {
		checkGraphId('User ID', user);
		if (!tasks.length) throw new InputError('Tasks', 'choose at least one task');
	});
	requestOptions.body = { user, tasks };
	return requestOptions;
}

export const userIdField = (operation: string, description: string): INodeProperties => ({
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '122100000000000002',
	description,
	displayOptions: { show: { resource: ['assignedUser'], operation: [operation] } },
});

export const addAssignedUser: INodeProperties[] = [
	wabaLocator(show, 'The WhatsApp Business Account to give the user access to'),
	userIdField('add', 'The ID of the business user or system user (Business Settings → Users)'),
	{
		displayName: 'Tasks',
		name: 'tasks',
		type: 'multiOptions',
		required: true,
		default: ['MESSAGING'],
		description: 'What the user may do on the account',
		displayOptions: { show },
		options: USER_TASKS.map(([value, name, description]) => ({ name, value, description })),
	},
];
