import type { IDataObject } from 'n8n-workflow';

import { fail, requireCount, requireText, requireUnique } from '../../../shared/validation';
import { forTypes, type MessageType, type PendingUpload } from './common';
import { readFrame } from './interactiveFrame';

const LIMITS = { min: 1, max: 3, id: 256, title: 20 };

/** Reply buttons: 1–3 buttons, titles ≤20 characters and unique, IDs ≤256. */
export const interactiveButtons: MessageType = {
	value: 'interactiveButtons',
	name: 'Interactive: Reply Buttons',
	fields: (show) => [
		{
			displayName: 'Buttons',
			name: 'replyButtons',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Button',
			description: '1 to 3 reply buttons',
			displayOptions: { show: forTypes(show, 'interactiveButtons') },
			options: [
				{
					displayName: 'Button',
					name: 'button',
					values: [
						{ displayName: 'ID', name: 'id', type: 'string', default: '', required: true, description: 'Comes back in the reply webhook (at most 256 characters)' },
						{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true, description: 'At most 20 characters, unique' },
					],
				},
			],
		},
	],
	build: async (read) => {
		const uploads: PendingUpload[] = [];
		const frame = await readFrame(read, uploads);
		const buttons = (read.get<IDataObject>('replyButtons', {}).button ?? []) as IDataObject[];
		requireCount('Buttons', buttons.length, LIMITS.min, LIMITS.max);
		const built = buttons.map((button, index) => {
			const title = requireText(`Button ${index + 1} Title`, button.title, LIMITS.title);
			const id = requireText(`Button ${index + 1} ID`, button.id, LIMITS.id);
			if (id !== id.trim()) fail(`Button ${index + 1} ID`, 'may not start or end with spaces');
			return { type: 'reply', reply: { id, title } };
		});
		requireUnique('Button titles', built.map((button) => button.reply.title));
		requireUnique('Button IDs', built.map((button) => button.reply.id));
		return { type: 'interactive', content: { type: 'button', ...frame, action: { buttons: built } }, uploads };
	},
};
