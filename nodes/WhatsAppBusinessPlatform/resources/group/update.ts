import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../shared/validation';
import { checkedDescription, checkedSubject, groupIdField, groupIdOf, groupRequest, show } from './fields';

/** Meta's limits on a group picture: JPEG, at most 5 MB, square, larger than 192 × 192 pixels. */
const PICTURE_MAX_BYTES = 5 * 1024 * 1024;

export const updateGroup: INodeProperties[] = [
	groupIdField(['update'], 'The group to change.'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: show('update') },
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'What the group is about, at most 2048 characters' },
			{ displayName: 'Picture (Binary Field)', name: 'pictureBinaryPropertyName', type: 'string', default: 'data', description: 'The binary field holding the new group picture: a square JPEG of at most 5 MB, larger than 192 × 192 pixels' },
			{ displayName: 'Subject', name: 'subject', type: 'string', default: '', description: 'The group\'s new name, at most 128 characters' },
		],
	},
];

export async function update(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const groupId = groupIdOf(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	if (fields.subject === undefined && fields.description === undefined && fields.pictureBinaryPropertyName === undefined) {
		throw new InputError('Update Fields', 'add at least one field to change');
	}
	const changes: IDataObject = {};
	if (fields.subject !== undefined) changes.subject = checkedSubject(fields.subject);
	if (fields.description !== undefined) changes.description = checkedDescription(fields.description);
	let body: IDataObject | FormData = { messaging_product: 'whatsapp', ...changes };
	if (fields.pictureBinaryPropertyName !== undefined) {
		const property = String(fields.pictureBinaryPropertyName);
		const binary = this.getInputData()[itemIndex]?.binary?.[property];
		if (!binary) throw new InputError('Picture (Binary Field)', `the item has no binary data in "${property}"`);
		if (binary.mimeType !== 'image/jpeg') throw new InputError('Picture (Binary Field)', `must be a JPEG picture, got ${binary.mimeType}`);
		const bytes = await this.helpers.getBinaryDataBuffer(itemIndex, property);
		if (bytes.length > PICTURE_MAX_BYTES) throw new InputError('Picture (Binary Field)', `at most 5 MB allowed, got ${(bytes.length / 1024 / 1024).toFixed(1)} MB`);
		const form = new FormData();
		form.append('messaging_product', 'whatsapp');
		for (const [key, value] of Object.entries(changes)) form.append(key, String(value));
		form.append('file', new Blob([bytes], { type: 'image/jpeg' }), binary.fileName ?? 'group.jpg');
		body = form;
	}
	// Setting the same subject, description or picture twice leaves the same group.
	const answer = await groupRequest(this, { method: 'POST', url: `/${groupId}`, body: body as IDataObject, safeToRepeat: true, itemIndex });
	return [{ json: { ...answer, groupId, ...changes } }];
}
