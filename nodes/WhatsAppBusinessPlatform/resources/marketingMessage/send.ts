import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ResourceHints } from '../../shared/errorHints';
import { phoneTarget } from '../../shared/phoneTarget';
import { explainRefusals } from '../../shared/refusals';
import { graphRequest } from '../../shared/transport';
import { checkGraphId } from '../../shared/validation';
import { uploadFromItem } from '../media/custom';
import { envelope, readerFor } from '../message/read';
import { recipientOf } from '../message/recipient';
import { buildTemplate, templateFields } from '../message/types/template';

const show = { resource: ['marketingMessage'], operation: ['send'] };

/** What Meta's refusals of the Marketing Messages API mean, and what to do. */
const MARKETING_REFUSALS: ResourceHints = {
	10: {
		title: 'This account cannot use the Marketing Messages API yet',
		action: 'Accept the Marketing Messages API terms for the business (WhatsApp Manager → Overview, or your partner\'s onboarding link); Marketing Message → Get Onboarding Status shows where it stands. Until then send with Message → Send Template, or set "If Not Onboarded" to "Send Through Cloud API".',
	},
};

export const sendMarketingMessage: INodeProperties[] = [
	...phoneTarget(show, 'The business phone number that sends'),
	{
		displayName: 'Recipient Phone Number or User ID',
		name: 'to',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+1 555 010 1234',
		description: 'A phone number with its country code, or the customer\'s business-scoped user ID (the trigger\'s userId)',
		displayOptions: { show },
	},
	...templateFields(show),
	{
		displayName: 'Options',
		name: 'marketingOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'If Not Onboarded',
				name: 'productPolicy',
				type: 'options',
				default: 'CLOUD_API_FALLBACK',
				description: 'What Meta does when the business or the message cannot go through the Marketing Messages API',
				options: [
					{ name: 'Send Through Cloud API', value: 'CLOUD_API_FALLBACK', description: 'Deliver it as an ordinary template message instead' },
					{ name: 'Fail', value: 'STRICT', description: 'Refuse the message' },
				],
			},
			{
				displayName: 'Share Message Activity',
				name: 'messageActivitySharing',
				type: 'boolean',
				default: true,
				description: 'Whether Meta may use this message\'s activity (reads, clicks) to optimise delivery of your marketing messages',
			},
		],
	},
	{
		displayName: 'Marketing templates only. A template\'s time to live (how long Meta keeps trying to deliver) belongs to the template: set it with Template → Create or Update.',
		name: 'marketingNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
];

/** Sends one marketing template through POST /{phone-number-id}/marketing_messages. */
export async function send(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const phoneNumberId = String(this.getNodeParameter('phoneNumberId', itemIndex, '', { extractValue: true })).trim();
	checkGraphId('Phone Number', phoneNumberId);
	const read = readerFor(this, itemIndex);
	const recipient = recipientOf(read.get('to', ''));
	const built = await buildTemplate(read);
	const options = this.getNodeParameter('marketingOptions', itemIndex, {}) as IDataObject;
	for (const upload of built.uploads) {
		upload.target.id = (await uploadFromItem(this, itemIndex, phoneNumberId, upload.binaryPropertyName, upload.kind)).id;
	}
	const body: IDataObject = {
		...envelope(recipient, built),
		...(options.productPolicy ? { product_policy: options.productPolicy } : {}),
		...(options.messageActivitySharing !== undefined ? { message_activity_sharing: options.messageActivitySharing } : {}),
	};
	const answer = await explainRefusals(
		async () => (await graphRequest.call(this, { method: 'POST', url: `/${phoneNumberId}/marketing_messages`, body, itemIndex })) as IDataObject,
		MARKETING_REFUSALS,
	);
	return [{ json: answer }];
}
