import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { phoneNumberLocator, wabaLocator } from './locatorFields';

/** The WABA (to pick from its numbers) and the business phone number an operation works on. */
export function phoneTarget(show: Record<string, string[]>, description = 'The business phone number to work with'): INodeProperties[] {
	return [wabaLocator(show, 'The WhatsApp Business Account whose phone numbers to pick from'), phoneNumberLocator(show, description)];
}

/** The phone number ID an item's operation works on (the locator's value). */
export const phoneNumberIdOf = (context: IExecuteFunctions, itemIndex: number): string =>
	String(context.getNodeParameter('phoneNumberId', itemIndex, '', { extractValue: true })).trim();
