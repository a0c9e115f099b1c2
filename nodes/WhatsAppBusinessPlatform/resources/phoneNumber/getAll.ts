import type { INodeProperties } from 'n8n-workflow';

import { listFields } from '../../shared/commonFields';
import { wabaLocator } from '../../shared/locatorFields';
import { phoneFieldsParameter, show } from './fields';

export const getAllPhoneNumbers: INodeProperties[] = [
	wabaLocator(show('getAll'), 'The WhatsApp Business Account whose phone numbers to list'),
	...listFields('phoneNumber', 'getAll'),
	phoneFieldsParameter('getAll'),
];
