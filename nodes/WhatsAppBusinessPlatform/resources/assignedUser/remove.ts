import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { wabaLocator } from '../../shared/locatorFields';
import { checkGraphId, validated } from '../../shared/validation';
import { parameterValue } from '../../shared/output';
import { userIdField } from './add';

/** Graph takes the user of a DELETE in the query string. */
export async function buildRemoveUserQuery(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const user = parameterValue(this, 'userId').trim();
	validated(this, () => checkGraphId('User ID', user));
	requestOptions.qs = { ...(requestOptions.qs ?? {}), user };
	return requestOptions;
}

export const removeAssignedUser: INodeProperties[] = [
	wabaLocator({ resource: ['assignedUser'], operation: ['remove'] }, 'The WhatsApp Business Account to take the user\'s access from'),
	userIdField('remove', 'The ID of the user whose access to remove'),
];
