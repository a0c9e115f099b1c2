import { DEFAULT_GRAPH_VERSION } from '../../../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import { project } from '../fields';
import { invalidParameter } from '../graphError';
import { paginate } from '../paging';
import { webhookConfigurationField } from '../webhookConfiguration';
import { wabaAnalyticsFields } from './analytics';
import type { Route, RouteContext } from './types';

export const selfUrl = (context: RouteContext) =>
	`${context.emulator.url}/${context.req.version ?? DEFAULT_GRAPH_VERSION}${context.req.path}?${new URLSearchParams(context.req.query).toString()}`;

/** A paged list answer, each element projected to the requested fields. */
export function pagedList(context: RouteContext, objects: Array<Parameters<typeof project>[0]>) {
	return paginate(objects.map((object) => project(object, context.req.query.fields)), context.req.query, selfUrl(context), 25, context.emulator.options.maxPageSize ?? 100);
}

/** The token's user, its businesses, and the WABAs of a business. */
export const coreRoutes: Route[] = [
	{
		method: 'GET',
		target: 'me',
		handler: ({ state, grant, req }) => project(state.get(grant.userId)!, req.query.fields ?? 'id,name'),
	},
	{
		method: 'GET',
		target: 'me',
		edge: 'businesses',
		handler: (context) => {
			const user = context.state.get(context.grant.userId)!;
			return pagedList(context, context.state.list('business', (business) => business.id === user.businessId));
		},
	},
	{
		method: 'GET',
		target: 'business',
		handler: ({ object, req }) => project(object!, req.query.fields),
	},
	{
		method: 'GET',
		target: 'business',
		edge: 'owned_whatsapp_business_accounts',
		operationId: 'getOwnedWhatsAppBusinessAccounts',
		handler: (context) =>
			pagedList(context, context.state.list('waba', (waba) => waba.ownerBusinessId === context.object!.id && !waba.sharedWithBusinessId)),
	},
	{
		method: 'GET',
		target: 'business',
		edge: 'client_whatsapp_business_accounts',
		operationId: 'getClientWhatsAppBusinessAccounts',
		handler: (context) => pagedList(context, context.state.list('waba', (waba) => waba.sharedWithBusinessId === context.object!.id)),
	},
	{
		method: 'GET',
		target: 'waba',
		operationId: 'getWhatsAppBusinessAccountDetails',
		// analytics fields with modifiers are computed by routes/analytics.ts
		handler: (context) => ({ ...project(context.object!, context.req.query.fields), ...wabaAnalyticsFields(context) }),
	},
	{
		method: 'POST',
		target: 'waba',
		operationId: 'updateWhatsAppBusinessAccount',
		handler: ({ object, req }) => {
			const { name, timezone_id: timezoneId, is_enabled_for_insights: insights } = req.params as Record<string, unknown>;
			if (name === undefined && timezoneId === undefined && insights === undefined) {
				throw invalidParameter('Give at least one of name, timezone_id, is_enabled_for_insights');
			}
			if (insights === false || insights === 'false') {
				if (object!.is_enabled_for_insights) throw invalidParameter('is_enabled_for_insights cannot be turned off once it is on');
			}
			if (name !== undefined) object!.name = String(name);
			if (timezoneId !== undefined) object!.timezone_id = String(timezoneId);
			if (insights === true || insights === 'true') object!.is_enabled_for_insights = true;
			return { success: true };
		},
	},
	{
		method: 'GET',
		target: 'waba',
		edge: 'phone_numbers',
		operationId: 'getWhatsAppBusinessAccountPhoneNumbers',
		handler: (context) => pagedList(context, context.state.list('phoneNumber', (phone) => phone.wabaId === context.object!.id)),
	},
	{
		method: 'GET',
		target: 'phoneNumber',
		operationId: 'getPhoneNumberById',
		handler: ({ object, req, state }) => ({ ...project(object!, req.query.fields), ...webhookConfigurationField(state, object!, req.query.fields) }),
	},
];
