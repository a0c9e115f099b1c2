import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { wabaLocator } from '../../shared/locatorFields';
import { graphRequest } from '../../shared/transport';
import { parameterValue } from '../../shared/output';
import { allocationConfigIdField, show } from './fields';

/**
 * A share is live when the allocation's receiving credential is the WABA's primary funding
 * source and the allocation was not revoked: reads the WABA (through the transport) and compares.
 */
export async function compareWithWaba(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const wabaId = parameterValue(this, 'wabaId');
	const waba = (await graphRequest.call(this, {
		url: `/${wabaId}`,
		qs: { fields: 'id,name,primary_funding_id' },
		itemIndex: this.getItemIndex(),
	})) as IDataObject;
	return items.map(({ json }) => {
		const credentialId = String((json.receiving_credential as IDataObject | undefined)?.id ?? '');
		const primaryFundingId = String(waba.primary_funding_id ?? '');
		const requestStatus = String(json.request_status ?? '');
		const credentialMatches = credentialId !== '' && credentialId === primaryFundingId;
		const revoked = requestStatus === 'DELETED';
		const isShared = credentialMatches && !revoked;
		const reason = isShared
			? 'The credit line pays for this account'
			: revoked
				? 'The allocation was revoked'
				: credentialId === ''
					? 'The allocation has no receiving credential yet'
					: primaryFundingId === ''
						? 'The account has no primary funding source yet'
						: 'The account is funded by another payment method';
		return {
			json: {
				isShared,
				reason,
				allocationConfigId: parameterValue(this, 'allocationConfigId'),
				wabaId,
				wabaName: waba.name,
				requestStatus,
				receivingCredentialId: credentialId || null,
				primaryFundingId: primaryFundingId || null,
			},
		};
	});
}

export const checkSharing: INodeProperties[] = [
	allocationConfigIdField('checkSharing', 'The ID of the allocation config returned by Share'),
	wabaLocator(show('checkSharing'), 'The client\'s WhatsApp Business Account the credit line was shared with'),
];
