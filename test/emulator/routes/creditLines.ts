import { project } from '../fields';
import { GraphError, invalidParameter, permissionDenied } from '../graphError';
import { pagedList } from './core';
import type { Route } from './types';

/**
 * Solution partners' credit lines: list, share-and-attach to a client WABA (which makes the new
 * credential the WABA's primary funding source), allocation configs, revoke (→ DELETED).
 */
const CURRENCIES = ['AUD', 'EUR', 'GBP', 'IDR', 'INR', 'USD'];

export const creditLinesRoutes: Route[] = [
	{
		method: 'GET',
		target: 'business',
		edge: 'extendedcredits',
		operationId: 'getCreditLines',
		handler: (context) => pagedList(context, context.state.list('extendedCredit', (credit) => credit.businessId === context.object!.id)),
	},
	{
		method: 'POST',
		target: 'extendedCredit',
		edge: 'whatsapp_credit_sharing_and_attach',
		handler: ({ object, req, state, grant, emulator }) => {
			const { waba_id: wabaId, waba_currency: currency } = req.params as Record<string, unknown>;
			if (!wabaId) throw invalidParameter('The parameter waba_id is required');
			if (!currency) throw invalidParameter('The parameter waba_currency is required');
			if (!CURRENCIES.includes(String(currency))) throw invalidParameter(`waba_currency must be one of ${CURRENCIES.join(', ')}`);
			const waba = state.get(String(wabaId));
			if (!waba || waba.type !== 'waba') throw invalidParameter(`WhatsApp Business Account ${String(wabaId)} does not exist`);
			if (!emulator.canAccessWaba(grant, waba.id)) throw permissionDenied();
			if (waba.sharedWithBusinessId !== object!.businessId) {
				throw new GraphError(400, 100, '(#100) Invalid parameter', { details: 'The WhatsApp Business Account is not shared with the business that owns the credit line' });
			}
			const receivingBusinessId = String(waba.ownerBusinessId);
			const receivingBusiness = state.get(receivingBusinessId);
			let allocation = state.list('allocationConfig', (config) => config.creditId === object!.id && (config.receiving_business as { id?: string })?.id === receivingBusinessId && config.request_status !== 'DELETED')[0];
			if (!allocation) {
				allocation = state.add({
					id: state.newId(),
					type: 'allocationConfig',
					creditId: object!.id,
					wabaId: waba.id,
					receiving_business: { id: receivingBusinessId, name: receivingBusiness?.name },
					receiving_credential: { id: state.newId() },
					request_status: 'APPROVED',
					credential_type: 'LINE_OF_CREDIT',
					currency_amount: { amount: '0', currency: String(currency) },
				});
			}
			waba.primary_funding_id = (allocation.receiving_credential as { id: string }).id;
			waba.currency = String(currency);
			return { allocation_config_id: allocation.id, waba_id: waba.id };
		},
	},
	{
		method: 'GET',
		target: 'extendedCredit',
		edge: 'owning_credit_allocation_configs',
		handler: (context) => {
			const receiving = context.req.query.receiving_business_id;
			return pagedList(
				context,
				context.state.list('allocationConfig', (config) => config.creditId === context.object!.id && (!receiving || (config.receiving_business as { id?: string })?.id === receiving)),
			);
		},
	},
	{
		method: 'GET',
		target: 'allocationConfig',
		handler: ({ object, req }) => project(object!, req.query.fields),
	},
	{
		method: 'DELETE',
		target: 'allocationConfig',
		handler: ({ object, state }) => {
			if (object!.request_status === 'DELETED') throw invalidParameter('This allocation config was already revoked');
			object!.request_status = 'DELETED';
			const credentialId = (object!.receiving_credential as { id?: string } | undefined)?.id;
			for (const waba of state.list('waba', (candidate) => candidate.primary_funding_id === credentialId)) waba.primary_funding_id = '';
			return { success: true };
		},
	},
];
