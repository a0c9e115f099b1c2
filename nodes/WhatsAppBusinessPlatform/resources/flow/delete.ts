import type { INodeProperties } from 'n8n-workflow';

import { flowIdField } from './fields';
import { lifecycleStep } from './lifecycle';

export const deleteFlow: INodeProperties[] = [flowIdField(['delete'], 'The draft Flow to delete. Published Flows cannot be deleted, only deprecated.')];

export const deleteDraft = lifecycleStep('DELETE', undefined);
