import { randomBytes } from 'node:crypto';

import { GraphError, invalidParameter } from '../graphError';
import type { Route } from './types';

type Json = Record<string, unknown>;

/**
 * The Marketing Messages API (POST /{phone-number-id}/marketing_messages): marketing templates only;
 * a WABA that has not onboarded is refused, unless product_policy lets the message fall back to the Cloud API.
 */
export const marketingMessagesRoutes: Route[] = [
	{
		method: 'POST',
		target: 'phoneNumber',
		edge: 'marketing_messages',
		// Not checked against the v23 spec: its schema demands template.language.policy, which its own examples
		// (and the real API) go without. The handler checks the body instead.
		isMessageSend: true,
		handler: ({ object, req, state }) => {
			const phone = object!;
			const body = req.body as Json;
			if (body.messaging_product !== 'whatsapp' || body.type !== 'template' || !body.template) throw invalidParameter('messaging_product whatsapp and a template are required');
			if (body.product_policy !== undefined && !['CLOUD_API_FALLBACK', 'STRICT'].includes(String(body.product_policy))) throw invalidParameter('product_policy must be CLOUD_API_FALLBACK or STRICT');
			const template = body.template as Json;
			const code = String((template.language as Json)?.code ?? '');
			const stored = state.list('template', (candidate) => candidate.wabaId === phone.wabaId && candidate.name === template.name && candidate.language === code)[0];
			if (!stored || stored.status !== 'APPROVED') throw new GraphError(404, 132001, '(#132001) Template name does not exist in the translation', { details: `template name (${String(template.name)}) does not exist in ${code}` });
			if (stored.category !== 'MARKETING') throw invalidParameter(`Only MARKETING templates can be sent with the Marketing Messages API; ${String(stored.name)} is ${String(stored.category)}`);
			const waba = state.get(String(phone.wabaId))!;
			const onboarded = waba.marketing_messages_onboarding_status === 'ONBOARDED';
			if (!onboarded && body.product_policy !== 'CLOUD_API_FALLBACK') {
				throw new GraphError(403, 10, '(#10) Application does not have permission for this action', { details: 'The business has not onboarded to the Marketing Messages API (marketing_messages_onboarding_status is not ONBOARDED)' });
			}
			const to = String(body.to ?? body.recipient ?? '').replace(/^\+/, '');
			const id = `wamid.${randomBytes(24).toString('base64url')}`;
			state.acceptedMessages.push({ id, phoneNumberId: phone.id, to, body: { ...body, viaMarketingMessagesApi: onboarded }, at: Date.now() });
			return { messaging_product: 'whatsapp', contacts: [{ input: String(body.to ?? body.recipient), wa_id: to }], messages: [{ id, message_status: 'accepted' }], success: true };
		},
	},
];
