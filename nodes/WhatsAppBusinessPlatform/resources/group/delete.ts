import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { groupIdField, groupIdOf, groupRequest } from './fields';

export const deleteGroupFields: INodeProperties[] = [groupIdField(['delete'], 'The group to delete. Everyone, the business included, leaves it; this cannot be undone.')];

export async function deleteGroup(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const groupId = groupIdOf(this, itemIndex);
	return [{ json: { ...(await groupRequest(this, { method: 'DELETE', url: `/${groupId}`, itemIndex })), groupId } }];
}
