import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { wabaLocator } from '../../shared/locatorFields';
import { checkPattern, InputError, validated } from '../../shared/validation';

const show = { resource: ['account'], operation: ['subscribeApp'] };

/** An override URL needs its verify token, and Meta only calls https URLs. */
export async function buildSubscribeBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const options = this.getNodeParameter('subscribeOptions', {}) as { overrideCallbackUri?: string; verifyToken?: string };
	const uri = String(options.overrideCallbackUri ?? '').trim();
	const verifyToken = String(options.verifyToken ?? '');
	validated(this, () => {
		if (!uri && verifyToken) throw new InputError('Verify Token', 'only used together with an Override Callback URL');
		if (uri) {
			checkPattern('Override Callback URL', uri, /^https?:\/\/\S+$/i, `"${uri}" is not a URL`);
			if (!verifyToken) throw new InputError('Verify Token', 'required with an Override Callback URL: Meta sends it to the URL to check that the URL is yours');
		}
	});
	requestOptions.body = uri ? { override_callback_uri: uri, verify_token: verifyToken } : {};
	return requestOptions;
}

export const subscribeApp: INodeProperties[] = [
	wabaLocator(show, 'The WhatsApp Business Account whose webhooks your app should receive'),
	{
		displayName: 'Options',
		name: 'subscribeOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Override Callback URL',
				name: 'overrideCallbackUri',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/webhook',
				description:
					'Send this account\'s webhooks to this URL instead of the app\'s default callback URL. Meta first calls the URL to check it answers with the verify token.',
			},
			{
				displayName: 'Verify Token',
				name: 'verifyToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'The secret the callback URL expects in Meta\'s check request (required with an override URL)',
			},
		],
	},
];
