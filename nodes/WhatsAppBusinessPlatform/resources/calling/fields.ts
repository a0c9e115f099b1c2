import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ResourceHints } from '../../shared/errorHints';
import { explainRefusals } from '../../shared/refusals';
import { graphRequest, type GraphRequest } from '../../shared/transport';

export const show = (operation: string) => ({ resource: ['calling'], operation: [operation] });

export { phoneNumberIdOf } from '../../shared/phoneTarget';

/** What Meta's calling refusals mean (Calling API troubleshooting guide), and what to do. */
export const CALLING_REFUSALS: ResourceHints = {
	138000: {
		title: 'Calling is not enabled on this phone number',
		action: 'Turn calling on first: Calling → Update Settings with Status "Enabled" (or WhatsApp Manager → Phone numbers → Settings → Calls).',
	},
	138006: {
		title: 'No permission to call this customer',
		action: 'Ask first (Calling → Send Permission Request) and wait for the customer to accept; Calling → Get Permission shows the current state.',
	},
	613: {
		title: 'Too many permission checks',
		action: 'Meta limits how often call permissions can be read. Check less often, or wait and run again.',
	},
};

export async function callingRequest(context: IExecuteFunctions, request: GraphRequest): Promise<IDataObject> {
	return await explainRefusals(async () => (await graphRequest.call(context, request)) as IDataObject, CALLING_REFUSALS);
}
