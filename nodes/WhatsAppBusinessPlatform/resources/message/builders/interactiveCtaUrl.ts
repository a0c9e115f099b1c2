import { LIMITS, requireHttpUrl, requireText } from '../../../shared/messageValidation';
import type { BuiltContent, PendingUpload } from './common';
import { interactiveFrame, type InteractiveFrame } from './interactiveCommon';

/** A call-to-action URL button: display text ≤20 characters and an http(s) URL. */
export function buildInteractiveCtaUrl(input: InteractiveFrame & { displayText: unknown; url: unknown }): BuiltContent {
	const uploads: PendingUpload[] = [];
	const frame = interactiveFrame(input, uploads);
	const parameters = {
		display_text: requireText('Button Text', input.displayText, LIMITS.ctaDisplayText),
		url: requireHttpUrl('Button URL', input.url),
	};
	return { type: 'interactive', content: { type: 'cta_url', ...frame, action: { name: 'cta_url', parameters } }, uploads };
}
