import { createHmac } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/** The last proof computed: every request of a run signs the same token with the same secret. */
let lastProof: { accessToken: string; appSecret: string; proof: string } | undefined;

/** hex HMAC-SHA256 of the access token keyed by the app secret, as Meta's "Require App Secret" expects. */
export function appSecretProof(accessToken: string, appSecret: string): string {
	if (lastProof?.accessToken === accessToken && lastProof.appSecret === appSecret) return lastProof.proof;
	const proof = createHmac('sha256', appSecret).update(accessToken).digest('hex');
	lastProof = { accessToken, appSecret, proof };
	return proof;
}

export class WhatsAppBusinessPlatformApi implements ICredentialType {
	name = 'whatsAppBusinessPlatformApi';

	displayName = 'WhatsApp Business Platform API';

	icon: Icon = { light: 'file:../icons/whatsapp.svg', dark: 'file:../icons/whatsapp.dark.svg' };

	documentationUrl =
		'https://developers.facebook.com/docs/whatsapp/business-management-api/get-started';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A system-user access token from Meta Business Settings → Users → System users → Generate token, with the whatsapp_business_management and whatsapp_business_messaging permissions',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'From your app\'s dashboard → App settings → Basic. When set, every call is signed with appsecret_proof and the trigger checks that incoming webhooks really come from Meta.',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			placeholder: '1234567890123456',
			description:
				'Optional. Your app\'s ID (App Dashboard → App settings → Basic). Needed only when a trigger in automatic mode listens for template, phone number or account events: Meta sends those only to the app\'s callback URL, which the trigger sets with the App ID and App Secret.',
		},
		{
			displayName: 'Webhook Verify Token',
			name: 'verifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Any secret text you choose. Meta sends it back when it checks your webhook URL; the trigger only answers when it matches.',
		},
		{
			displayName: 'Graph API Version',
			name: 'graphApiVersion',
			type: 'string',
			default: 'v25.0',
			placeholder: 'v25.0',
			description:
				'The Graph API version every call uses. v25.0 is the default and works until July 2028; v23.0, v24.0 and v26.0 also work. Meta retires each version about two years after the next one ships (v20.0 and older have expired): an expired version is refused before any call, with the version to use instead.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://graph.facebook.com',
			description:
				'Where the Graph API lives. Leave the default unless you go through a proxy or a local emulator.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const accessToken = String(credentials.accessToken ?? '');
		const appSecret = String(credentials.appSecret ?? '');
		requestOptions.headers = { ...requestOptions.headers, Authorization: `Bearer ${accessToken}` };
		if (appSecret) {
			requestOptions.qs = { ...requestOptions.qs, appsecret_proof: appSecretProof(accessToken, appSecret) };
		}
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{$credentials.graphApiVersion}}',
			url: '/me',
			qs: { fields: 'id,name' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message:
						'Meta refused the request. Check the Access Token, the Graph API Version (for example v25.0; expired versions such as v20.0 are refused) and the Base URL.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The access token is invalid or has expired. Generate a new system-user token in Meta Business Settings and paste it here.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The token works but lacks permissions. Give the system user the whatsapp_business_management and whatsapp_business_messaging permissions.',
				},
			},
		],
	};
}
