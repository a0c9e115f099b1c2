import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listFields, listLimit } from '../../shared/commonFields';
import { phoneTarget } from '../../shared/phoneTarget';
import { graphRequestAllItems } from '../../shared/transport';
import { phoneNumberIdOf, readFields, show } from './fields';

/** Meta serves at most 25 QR codes per page. */
const PAGE_SIZE = 25;

export const getAllQrCodes: INodeProperties[] = [
	...phoneTarget(show('getAll'), 'The business phone number whose QR codes to list'),
	...listFields('qrCode', 'getAll'),
	{
		displayName: 'Image URL',
		name: 'imageFormat',
		type: 'options',
		default: 'none',
		description: 'Whether each QR code comes with a link to its picture (the link expires after a while)',
		displayOptions: { show: show('getAll') },
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'PNG', value: 'PNG' },
			{ name: 'SVG', value: 'SVG' },
		],
	},
];

export async function getAll(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const limit = listLimit(this, itemIndex);
	const format = String(this.getNodeParameter('imageFormat', itemIndex, 'none'));
	const codes = await graphRequestAllItems.call(
		this,
		{ url: `/${phoneNumberIdOf(this, itemIndex)}/message_qrdls`, qs: { fields: readFields(format), limit: Math.min(PAGE_SIZE, limit) }, itemIndex },
		limit,
	);
	return codes.map((json) => ({ json }));
}
