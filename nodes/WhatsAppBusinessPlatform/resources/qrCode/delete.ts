import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneTarget } from '../../shared/phoneTarget';
import { graphRequest } from '../../shared/transport';
import { checkedCode, codeField, phoneNumberIdOf, show } from './fields';

export const deleteQrCode: INodeProperties[] = [
	...phoneTarget(show('delete'), 'The business phone number the QR code belongs to'),
	codeField('delete', 'The QR code to delete. Scanning it afterwards no longer opens a chat.'),
];

export async function deleteCode(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const code = checkedCode(this.getNodeParameter('code', itemIndex, ''));
	const phoneNumberId = phoneNumberIdOf(this, itemIndex);
	const answer = (await graphRequest.call(this, { method: 'DELETE', url: `/${phoneNumberId}/message_qrdls/${code}`, itemIndex })) as IDataObject;
	return [{ json: { ...answer, code, phoneNumberId } }];
}
