import type { INodeProperties } from 'n8n-workflow';

import { flowIdField } from './fields';
import { lifecycleStep } from './lifecycle';

export const publishFlow: INodeProperties[] = [flowIdField(['publish'], 'The draft Flow to publish. Once published, its JSON cannot change.')];

export const publish = lifecycleStep('POST', 'publish');
