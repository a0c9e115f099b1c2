import type { INodeProperties } from 'n8n-workflow';

import { perItemOperations } from '../../shared/customOperation';
import { create, createQrCode } from './create';
import { deleteCode, deleteQrCode } from './delete';
import { get, getQrCode } from './get';
import { getAll, getAllQrCodes } from './getAll';
import { update, updateQrCode } from './update';

export const qrCodeDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['qrCode'] } },
		default: 'create',
		options: [
			{ name: 'Create', value: 'create', action: 'Create a QR code', description: 'Make a QR code and wa.me link that open a chat with a prefilled message, optionally with its picture' },
			{ name: 'Delete', value: 'delete', action: 'Delete a QR code', description: 'Delete a QR code and its link' },
			{ name: 'Get', value: 'get', action: 'Get a QR code', description: 'Read a QR code, optionally with its picture' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many QR codes', description: 'List a phone number\'s QR codes, newest first' },
			{ name: 'Update', value: 'update', action: 'Update a QR code', description: 'Change the prefilled message of a QR code' },
		],
	},
	...createQrCode,
	...getQrCode,
	...getAllQrCodes,
	...updateQrCode,
	...deleteQrCode,
];

// Pictures of QR codes are binary data, which declarative routing cannot produce, so QR codes run as code.
export const qrCodeCustomOperations = perItemOperations({ create, get, getAll, update, delete: deleteCode });
