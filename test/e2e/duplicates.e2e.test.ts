/**
 * "Drop Duplicates" in a real n8n: redeliveries one after another, 5 copies at the same moment, and a redelivery
 * after the process that receives webhooks restarted. Regular mode in `npm run test:e2e`, queue mode (the webhook
 * processor restarts) in `npm run test:e2e:queue`; the cases are in duplicateCases.ts.
 */
import { duplicateCases } from './duplicateCases';
import { N8N_MODE, useN8n } from './support';

const e2e = useN8n();

describe(`Drop Duplicates in n8n ${N8N_MODE} mode`, () => {
	duplicateCases(() => ({
		emulator: e2e.emulator,
		n8n: e2e.n8n,
		credential: e2e.credential,
		webhookBaseUrl: e2e.n8n.webhookBaseUrl,
		queueMode: N8N_MODE === 'queue',
		restartWebhookProcess: () => e2e.timed('restart the webhook process', () => e2e.n8n.restartWebhookProcess()),
	}));
});
