import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { fail, optionalText, requireText } from '../../../shared/validation';
import { forTypes, mediaObject, mediaSourceFields, type ParameterReader, type PendingUpload } from './common';

export const LIMITS = { header: 60, body: 1024, footer: 60 };

/** Interactive types with a header of their own choosing (text or media); lists take a text header only. */
const WITH_HEADER = ['interactiveButtons', 'interactiveCtaUrl', 'interactiveFlow'];
const FRAMED = [...WITH_HEADER, 'interactiveList'];

/** Header, body and footer fields, declared once for all interactive types that have them. */
export function frameFields(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Header',
			name: 'headerType',
			type: 'options',
			default: 'none',
			options: [
				{ name: 'Document', value: 'document' },
				{ name: 'Image', value: 'image' },
				{ name: 'None', value: 'none' },
				{ name: 'Text', value: 'text' },
				{ name: 'Video', value: 'video' },
			],
			displayOptions: { show: forTypes(show, ...WITH_HEADER) },
		},
		{
			displayName: 'Header Text',
			name: 'headerText',
			type: 'string',
			default: '',
			description: `At most ${LIMITS.header} characters`,
			displayOptions: { show: { ...forTypes(show, ...WITH_HEADER), headerType: ['text'] } },
		},
		...mediaSourceFields('headerMedia', 'Header Media', { ...forTypes(show, ...WITH_HEADER), headerType: ['image', 'video', 'document'] }),
		{
			displayName: 'Body Text',
			name: 'bodyText',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
			description: `At most ${LIMITS.body} characters`,
			displayOptions: { show: forTypes(show, ...FRAMED, 'interactiveLocationRequest', 'interactiveRequestContactInfo') },
		},
		{
			displayName: 'Footer Text',
			name: 'footerText',
			type: 'string',
			default: '',
			description: `At most ${LIMITS.footer} characters`,
			displayOptions: { show: forTypes(show, ...FRAMED) },
		},
	];
}

/** The header (from `headerType`), body and footer of an interactive message. */
export async function readFrame(read: ParameterReader, uploads: PendingUpload[], header?: { type: 'none' | 'text'; text?: unknown }): Promise<IDataObject> {
	const result: IDataObject = {};
	const type = header?.type ?? read.get<string>('headerType', 'none');
	if (type === 'text') {
		result.header = { type: 'text', text: requireText('Header Text', header ? header.text : read.get('headerText', ''), LIMITS.header) };
	} else if (type === 'image' || type === 'video' || type === 'document') {
		result.header = { type, [type]: mediaObject(`Header ${type}`, type, await read.media('headerMedia'), uploads) };
	} else if (type !== 'none') {
		fail('Header', `unknown header type "${type}"`);
	}
	result.body = { text: requireText('Body Text', read.get('bodyText', ''), LIMITS.body) };
	const footer = optionalText('Footer Text', read.get('footerText', ''), LIMITS.footer);
	if (footer !== undefined) result.footer = { text: footer };
	return result;
}
