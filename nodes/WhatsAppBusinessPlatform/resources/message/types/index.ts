import type { INodeProperties } from 'n8n-workflow';

import { fail } from '../../../shared/validation';
import type { BuiltContent, MessageType, ParameterReader } from './common';
import { contacts } from './contacts';
import { interactiveButtons } from './interactiveButtons';
import { interactiveCtaUrl } from './interactiveCtaUrl';
import { interactiveFlow } from './interactiveFlow';
import { frameFields } from './interactiveFrame';
import { interactiveList } from './interactiveList';
import { interactiveLocationRequest } from './interactiveLocationRequest';
import { interactiveRequestContactInfo } from './interactiveRequestContactInfo';
import { location } from './location';
import { mediaTypes } from './media';
import { reaction } from './reaction';
import { text } from './text';

const PLAIN: MessageType[] = [text, ...mediaTypes, location, contacts];
const INTERACTIVE: MessageType[] = [interactiveButtons, interactiveList, interactiveCtaUrl, interactiveFlow, interactiveLocationRequest, interactiveRequestContactInfo];

/** Every message type of Message → Send, in the order the "Message Type" list shows them. */
export const MESSAGE_TYPES: MessageType[] = [...PLAIN, ...INTERACTIVE, reaction];

const byValue = new Map(MESSAGE_TYPES.map((type) => [type.value, type]));

/** The "Message Type" selector and every type's fields. */
export function sendFields(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Message Type',
			name: 'messageType',
			type: 'options',
			noDataExpression: true,
			default: 'text',
			options: MESSAGE_TYPES.map(({ name, value }) => ({ name, value })),
			displayOptions: { show },
		},
		...PLAIN.flatMap((type) => type.fields(show)),
		// Header, body and footer come before each interactive type's own fields.
		...frameFields(show),
		...INTERACTIVE.flatMap((type) => type.fields(show)),
		...reaction.fields(show),
	];
}

/** The body of the message type the item chose. */
export async function buildSendContent(read: ParameterReader): Promise<BuiltContent> {
	const value = read.get<string>('messageType', 'text');
	const type = byValue.get(value);
	if (!type) fail('Message Type', `unknown message type "${value}"`);
	return await type.build(read);
}
