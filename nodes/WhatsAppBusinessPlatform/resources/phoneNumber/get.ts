import type { INodeProperties } from 'n8n-workflow';

import { phoneFieldsParameter, phoneNumberTarget } from './fields';

export const getPhoneNumber: INodeProperties[] = [...phoneNumberTarget('get'), phoneFieldsParameter('get')];
