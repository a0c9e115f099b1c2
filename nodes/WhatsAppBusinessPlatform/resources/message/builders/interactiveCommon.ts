import type { IDataObject } from 'n8n-workflow';

import { fail, LIMITS, optionalText, requireText } from '../../../shared/messageValidation';
import { mediaObject, type MediaSource, type PendingUpload } from './common';

export interface InteractiveFrame {
	bodyText: unknown;
	footerText?: unknown;
	header?: { type: 'none' | 'text' | 'image' | 'video' | 'document'; text?: unknown; media?: MediaSource };
}

/** Header, body and footer of an interactive message. `mediaHeader: false` allows text headers only. */
export function interactiveFrame(frame: InteractiveFrame, uploads: PendingUpload[], options: { mediaHeader?: boolean; bodyRequired?: boolean } = {}): IDataObject {
	const result: IDataObject = {};
	const header = frame.header;
	if (header && header.type !== 'none') {
		if (header.type === 'text') {
			result.header = { type: 'text', text: requireText('Header Text', header.text, LIMITS.interactiveHeaderText) };
		} else if (options.mediaHeader === false) {
			fail('Header Type', 'this message type allows a text header only');
		} else {
			result.header = { type: header.type, [header.type]: mediaObject(`Header ${header.type}`, header.type, header.media ?? { source: 'id' }, uploads) };
		}
	}
	if (options.bodyRequired === false) {
		const body = optionalText('Body Text', frame.bodyText, LIMITS.interactiveBody);
		if (body !== undefined) result.body = { text: body };
	} else {
		result.body = { text: requireText('Body Text', frame.bodyText, LIMITS.interactiveBody) };
	}
	const footer = optionalText('Footer Text', frame.footerText, LIMITS.interactiveFooter);
	if (footer !== undefined) result.footer = { text: footer };
	return result;
}
