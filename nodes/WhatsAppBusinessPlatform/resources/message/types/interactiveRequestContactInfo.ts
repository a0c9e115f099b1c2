import { requireText } from '../../../shared/validation';
import type { MessageType } from './common';
import { LIMITS } from './interactiveFrame';

/**
 * Asks the customer to share their phone number with one tap (WhatsApp writes the button); the
 * answer comes back as a contacts message. Meant for customers known only by their BSUID.
 */
export const interactiveRequestContactInfo: MessageType = {
	value: 'interactiveRequestContactInfo',
	name: 'Interactive: Request Contact Info',
	fields: () => [],
	build: (read) => ({
		type: 'interactive',
		content: { type: 'request_contact_info', body: { text: requireText('Body Text', read.get('bodyText', ''), LIMITS.body) }, action: { name: 'request_contact_info' } },
		uploads: [],
	}),
};
