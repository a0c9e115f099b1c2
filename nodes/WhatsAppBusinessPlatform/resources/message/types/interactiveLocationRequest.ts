import { requireText } from '../../../shared/validation';
import type { MessageType } from './common';
import { LIMITS } from './interactiveFrame';

/** Asks the customer to share their location: body text ≤1024 (from the frame's Body Text field) and the send_location action. */
export const interactiveLocationRequest: MessageType = {
	value: 'interactiveLocationRequest',
	name: 'Interactive: Location Request',
	fields: () => [],
	build: (read) => ({
		type: 'interactive',
		content: { type: 'location_request_message', body: { text: requireText('Body Text', read.get('bodyText', ''), LIMITS.body) }, action: { name: 'send_location' } },
		uploads: [],
	}),
};
