import type { INodeProperties } from 'n8n-workflow';

import { perItemOperations } from '../../shared/customOperation';
import { getCallingSettings, getSettings } from './getSettings';
import { getPermission, getPermissionFields, sendPermissionRequest, sendPermissionRequestFields } from './permissions';
import { updateCallingSettings, updateSettings } from './updateSettings';

export const callingDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['calling'] } },
		default: 'getSettings',
		options: [
			{ name: 'Get Permission', value: 'getPermission', action: 'Get a customer s call permission', description: 'Read whether the business may call a customer, until when, and what it can do next' },
			{ name: 'Get Settings', value: 'getSettings', action: 'Get calling settings', description: 'Read a number\'s calling settings: status, call button, hours, callback permission' },
			{ name: 'Send Permission Request', value: 'sendPermissionRequest', action: 'Ask a customer for permission to call', description: 'Send a message with Allow / Decline buttons asking to call the customer' },
			{ name: 'Update Settings', value: 'updateSettings', action: 'Update calling settings', description: 'Turn calling on or off, show or hide the call button, set call hours and callback permission' },
		],
	},
	...getCallingSettings,
	...updateCallingSettings,
	...sendPermissionRequestFields,
	...getPermissionFields,
];

// n8n cannot carry audio, so only the settings and permission side of calling is here; it runs as code for Meta's refusals to be explained.
export const callingCustomOperations = perItemOperations({ getSettings, updateSettings, sendPermissionRequest, getPermission });
