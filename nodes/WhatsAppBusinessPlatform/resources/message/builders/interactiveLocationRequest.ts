import { LIMITS, requireText } from '../../../shared/messageValidation';
import type { BuiltContent } from './common';

/** Asks the customer to share their location: body text ≤1024 and the send_location action. */
export function buildInteractiveLocationRequest(input: { bodyText: unknown }): BuiltContent {
	const body = { text: requireText('Body Text', input.bodyText, LIMITS.interactiveBody) };
	return { type: 'interactive', content: { type: 'location_request_message', body, action: { name: 'send_location' } }, uploads: [] };
}
