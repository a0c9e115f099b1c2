import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { wabaLocator } from '../../shared/locatorFields';
import { graphRequest } from '../../shared/transport';

export const getOnboardingStatusFields: INodeProperties[] = [
	wabaLocator({ resource: ['marketingMessage'], operation: ['getOnboardingStatus'] }, 'The WhatsApp Business Account to check'),
];

/** The account's Marketing Messages API eligibility and onboarding, as Account → Get can also read them. */
export async function getOnboardingStatus(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const wabaId = String(this.getNodeParameter('wabaId', itemIndex, '', { extractValue: true }));
	const account = await graphRequest.call(this, { url: `/${wabaId}`, qs: { fields: 'id,name,marketing_messages_lite_api_status,marketing_messages_onboarding_status' }, itemIndex });
	return [{ json: account as IDataObject }];
}
