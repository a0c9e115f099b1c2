import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneTarget } from '../../shared/phoneTarget';
import { graphRequest } from '../../shared/transport';
import { checkedCode, checkedPrefilledMessage, codeField, phoneNumberIdOf, prefilledMessageField, show } from './fields';

export const updateQrCode: INodeProperties[] = [
	...phoneTarget(show('update'), 'The business phone number the QR code belongs to'),
	codeField('update', 'The QR code to change. Its picture and link stay the same.'),
	prefilledMessageField('update', 'The new text that appears in the chat when someone scans the code.'),
];

export async function update(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const code = checkedCode(this.getNodeParameter('code', itemIndex, ''));
	const prefilledMessage = checkedPrefilledMessage(this.getNodeParameter('prefilledMessage', itemIndex, ''));
	const qr = (await graphRequest.call(this, {
		method: 'POST',
		url: `/${phoneNumberIdOf(this, itemIndex)}/message_qrdls`,
		body: { code, prefilled_message: prefilledMessage },
		// Setting the same message twice leaves the same result.
		safeToRepeat: true,
		itemIndex,
	})) as IDataObject;
	return [{ json: qr }];
}
