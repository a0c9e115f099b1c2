import type { INodeProperties } from 'n8n-workflow';

import { allocationConfigIdField, allocationFieldsParameter } from './fields';

export const getAllocation: INodeProperties[] = [
	allocationConfigIdField('getAllocation', 'The ID of the allocation config (returned by Share)'),
	allocationFieldsParameter('getAllocation'),
];
