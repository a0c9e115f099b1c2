import type { INodeProperties } from 'n8n-workflow';

import { withIds } from '../../shared/output';
import { checkSharing, compareWithWaba } from './checkSharing';
import { getAllCreditLines } from './getAll';
import { getAllocation } from './getAllocation';
import { getAllocations } from './getAllocations';
import { revokeCreditLine } from './revoke';
import { shareCreditLine } from './share';

export const creditLineDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['creditLine'] } },
		default: 'getAll',
		options: [
			{
				name: 'Check Sharing',
				value: 'checkSharing',
				action: 'Check whether a credit line share is live',
				description: 'Compare an allocation with the account\'s primary funding source',
				routing: {
					request: {
						method: 'GET',
						url: '=/{{$parameter.allocationConfigId}}',
						qs: { fields: 'id,receiving_credential{id},request_status,receiving_business' },
					},
					output: { postReceive: [compareWithWaba] },
				},
			},
			{
				name: 'Get Allocation',
				value: 'getAllocation',
				action: 'Get a credit line allocation',
				description: 'Read one allocation config: who receives the credit and its status',
				routing: { request: { method: 'GET', url: '=/{{$parameter.allocationConfigId}}' } },
			},
			{
				name: 'Get Allocations',
				value: 'getAllocations',
				action: 'Get the allocations of a credit line',
				description: 'List the allocation configs of a credit line, optionally for one client business',
				routing: { request: { method: 'GET', url: '=/{{$parameter.creditLineId}}/owning_credit_allocation_configs' } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many credit lines',
				description: 'List the credit lines of a business',
				routing: { request: { method: 'GET', url: '=/{{$parameter.businessId}}/extendedcredits' } },
			},
			{
				name: 'Revoke',
				value: 'revoke',
				action: 'Revoke a credit line allocation',
				description: 'Stop a credit line paying for a client\'s accounts',
				routing: {
					request: { method: 'DELETE', url: '=/{{$parameter.allocationConfigId}}' },
					output: { postReceive: [withIds({ allocationConfigId: 'allocationConfigId' })] },
				},
			},
			{
				name: 'Share',
				value: 'share',
				action: 'Share a credit line with a client account',
				description: 'Share your credit line with a client and attach it to their WhatsApp Business Account',
				routing: {
					request: { method: 'POST', url: '=/{{$parameter.creditLineId}}/whatsapp_credit_sharing_and_attach' },
					output: { postReceive: [withIds({ creditLineId: 'creditLineId', currency: 'currency' })] },
				},
			},
		],
	},
	...getAllCreditLines,
	...shareCreditLine,
	...getAllocation,
	...getAllocations,
	...revokeCreditLine,
	...checkSharing,
];
