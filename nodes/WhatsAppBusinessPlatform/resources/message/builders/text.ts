import { LIMITS, requireText } from '../../../shared/messageValidation';
import type { BuiltContent } from './common';

export function buildText(input: { body: unknown; previewUrl?: boolean }): BuiltContent {
	const body = requireText('Text', input.body, LIMITS.textBody);
	return { type: 'text', content: { body, preview_url: input.previewUrl === true }, uploads: [] };
}
