import { requireHttpUrl, requireText } from '../../../shared/validation';
import { forTypes, type MessageType, type PendingUpload } from './common';
import { readFrame } from './interactiveFrame';

const MAX_DISPLAY_TEXT = 20;

/** A call-to-action URL button: display text ≤20 characters and an http(s) URL. */
export const interactiveCtaUrl: MessageType = {
	value: 'interactiveCtaUrl',
	name: 'Interactive: Call-to-Action URL',
	fields: (show) => [
		{
			displayName: 'Button Text',
			name: 'ctaDisplayText',
			type: 'string',
			default: '',
			required: true,
			description: `At most ${MAX_DISPLAY_TEXT} characters`,
			displayOptions: { show: forTypes(show, 'interactiveCtaUrl') },
		},
		{
			displayName: 'Button URL',
			name: 'ctaUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/offer',
			displayOptions: { show: forTypes(show, 'interactiveCtaUrl') },
		},
	],
	build: async (read) => {
		const uploads: PendingUpload[] = [];
		const frame = await readFrame(read, uploads);
		const parameters = {
			display_text: requireText('Button Text', read.get('ctaDisplayText', ''), MAX_DISPLAY_TEXT),
			url: requireHttpUrl('Button URL', read.get('ctaUrl', '')),
		};
		return { type: 'interactive', content: { type: 'cta_url', ...frame, action: { name: 'cta_url', parameters } }, uploads };
	},
};
