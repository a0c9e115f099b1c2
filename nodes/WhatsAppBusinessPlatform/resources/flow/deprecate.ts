import type { INodeProperties } from 'n8n-workflow';

import { flowIdField } from './fields';
import { lifecycleStep } from './lifecycle';

export const deprecateFlow: INodeProperties[] = [flowIdField(['deprecate'], 'The published Flow to retire. It can no longer be sent; this cannot be undone.')];

export const deprecate = lifecycleStep('POST', 'deprecate');
