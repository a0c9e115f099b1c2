import type { IDataObject } from 'n8n-workflow';

import { requireText } from '../../../shared/validation';
import { forTypes, type MessageType } from './common';

const MAX_BODY = 4096;

/** A text message: up to 4,096 characters, optionally with a preview of its first link. */
export const text: MessageType = {
	value: 'text',
	name: 'Text',
	fields: (show) => [
		{
			displayName: 'Text',
			name: 'textBody',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			description: `The message, at most ${MAX_BODY} characters`,
			displayOptions: { show: forTypes(show, 'text') },
		},
		{
			displayName: 'Show URL Preview',
			name: 'previewUrl',
			type: 'boolean',
			default: false,
			description: 'Whether WhatsApp shows a preview of the first link in the text',
			displayOptions: { show: forTypes(show, 'text') },
		},
	],
	build: (read) => {
		const content: IDataObject = { body: requireText('Text', read.get('textBody', ''), MAX_BODY) };
		// Meta's default is no preview, so the flag is only sent to turn it on.
		if (read.get('previewUrl', false) === true) content.preview_url = true;
		return { type: 'text', content, uploads: [] };
	},
};
