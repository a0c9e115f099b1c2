import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { phoneTarget } from '../../shared/phoneTarget';
import { graphRequest } from '../../shared/transport';
import { binaryPropertyField, checkedCode, codeField, imageFormatField, phoneNumberIdOf, qrCodeItem, readFields, show } from './fields';

export const getQrCode: INodeProperties[] = [
	...phoneTarget(show('get'), 'The business phone number the QR code belongs to'),
	codeField('get', 'The QR code to read.'),
	imageFormatField('get', 'Whether to download a picture of the QR code too'),
	binaryPropertyField('get'),
];

export async function get(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const code = checkedCode(this.getNodeParameter('code', itemIndex, ''));
	const format = String(this.getNodeParameter('imageFormat', itemIndex, 'none'));
	const answer = (await graphRequest.call(this, {
		url: `/${phoneNumberIdOf(this, itemIndex)}/message_qrdls/${code}`,
		qs: { fields: readFields(format) },
		itemIndex,
	})) as IDataObject;
	// Meta answers a single code as a list of one.
	const qr = Array.isArray(answer.data) ? (answer.data[0] as IDataObject | undefined) : answer;
	if (!qr) throw new NodeOperationError(this.getNode(), `QR code ${code} does not exist on this phone number`, { itemIndex });
	return [await qrCodeItem(this, itemIndex, qr, format)];
}
