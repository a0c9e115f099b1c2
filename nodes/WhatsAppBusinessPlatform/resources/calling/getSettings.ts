import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneTarget } from '../../shared/phoneTarget';
import { callingRequest, phoneNumberIdOf, show } from './fields';

export const getCallingSettings: INodeProperties[] = [...phoneTarget(show('getSettings'), 'The business phone number whose calling settings to read')];

export async function getSettings(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const phoneNumberId = phoneNumberIdOf(this, itemIndex);
	const settings = await callingRequest(this, { url: `/${phoneNumberId}/settings`, itemIndex });
	return [{ json: { phoneNumberId, ...((settings.calling ?? {}) as IDataObject) } }];
}
