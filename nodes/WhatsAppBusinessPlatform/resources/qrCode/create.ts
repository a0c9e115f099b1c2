import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneTarget } from '../../shared/phoneTarget';
import { graphRequest } from '../../shared/transport';
import { binaryPropertyField, checkedPrefilledMessage, imageFormatField, phoneNumberIdOf, prefilledMessageField, qrCodeItem, show } from './fields';

export const createQrCode: INodeProperties[] = [
	...phoneTarget(show('create'), 'The business phone number the QR code opens a chat with'),
	prefilledMessageField('create', 'The text that appears in the chat, ready to send, when someone scans the code.'),
	imageFormatField('create', 'Whether Meta also makes a picture of the QR code to print or share'),
	binaryPropertyField('create'),
];

export async function create(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const prefilledMessage = checkedPrefilledMessage(this.getNodeParameter('prefilledMessage', itemIndex, ''));
	const format = String(this.getNodeParameter('imageFormat', itemIndex, 'none'));
	const qr = (await graphRequest.call(this, {
		method: 'POST',
		url: `/${phoneNumberIdOf(this, itemIndex)}/message_qrdls`,
		body: { prefilled_message: prefilledMessage, ...(format === 'none' ? {} : { generate_qr_image: format }) },
		itemIndex,
	})) as IDataObject;
	return [await qrCodeItem(this, itemIndex, qr, format)];
}
