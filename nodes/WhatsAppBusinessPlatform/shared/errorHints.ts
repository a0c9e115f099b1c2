/** What a Graph error code means to a workflow builder, and what to do about it. */
export interface ErrorHint {
	title: string;
	action: string;
}

/** A resource's own reading of some codes, where the general hint does not fit (e.g. code 10 on a groups call). */
export type ResourceHints = Record<number, ErrorHint>;

const PERMISSION: ErrorHint = {
	title: 'Permission denied',
	action:
		'Give the system user behind this token access to the WhatsApp Business Account (Business Settings → Accounts → WhatsApp accounts → Assign people) and the whatsapp_business_management and whatsapp_business_messaging permissions, then generate a new token.',
};

const THROTTLED: ErrorHint = {
	title: 'Too many calls to the Graph API',
	action:
		'The node already waited and retried within its retry budget. Wait a few minutes, spread the calls out, or raise "Max Retries" / "Max Wait" under "Rate Limit Handling".',
};

const SERVER: ErrorHint = {
	title: 'Meta had a temporary problem',
	action: 'Try again in a moment. If it keeps happening, check https://metastatus.com.',
};

const HINTS: Record<number, ErrorHint> = {
	1: SERVER,
	2: SERVER,
	131000: { title: 'Something went wrong at Meta', action: SERVER.action },
	131016: { title: 'WhatsApp is temporarily unavailable', action: SERVER.action },
	33: {
		title: 'The business phone number was deleted',
		action: 'Pick a phone number that still belongs to the WhatsApp Business Account (Phone Number ID in the node).',
	},
	131005: PERMISSION,
	131008: { title: 'A required parameter is missing', action: 'The details name it: fill in that field and run again.' },
	131009: {
		title: 'A parameter value is not valid',
		action: 'The details name the value Meta refused: correct it (phone numbers in full international form) and run again.',
	},
	131021: { title: 'The recipient cannot be the sender', action: 'Send to a customer\'s number, not to the business phone number itself.' },
	131042: {
		title: 'Payment problem on the WhatsApp Business Account',
		action: 'Add or fix the payment method of the account in Meta Business Settings → Billing and payments (or ask the partner who bills you), then send again.',
	},
	131049: {
		title: 'Meta chose not to deliver this marketing message',
		action: 'Meta limits how many marketing messages one customer receives. Do not resend at once; try again after a day or more.',
	},
	131050: {
		title: 'The customer stopped marketing messages from you',
		action: 'Do not send this customer marketing templates. Replies within 24 hours and utility or authentication templates still reach them.',
	},
	131052: { title: 'Meta could not download the media the customer sent', action: 'Ask the customer to send the file again; the details say why it failed.' },
	131053: { title: 'Media upload failed', action: 'Check the file\'s type and size against WhatsApp\'s limits (the details say what failed) and upload it again.' },
	131057: { title: 'The account is in maintenance mode', action: 'Meta is updating the account (for example its throughput). Try again in a few minutes.' },
	130472: {
		title: 'The customer is part of a Meta marketing experiment',
		action: 'Meta did not deliver this marketing message on purpose. Nothing to fix: do not resend it.',
	},
	130497: {
		title: 'Messaging customers in this country is restricted',
		action: 'This account may not message customers in the recipient\'s country. Check Meta\'s list of restricted countries.',
	},
	4: THROTTLED,
	17: THROTTLED,
	32: THROTTLED,
	613: THROTTLED,
	10: PERMISSION,
	80007: {
		title: 'Rate limit of this WhatsApp Business Account reached',
		action:
			'Management calls are limited per app and account per hour. Wait until the limit resets (the details say when) or make fewer calls.',
	},
	80008: {
		title: 'Rate limit of this WhatsApp Business Account reached',
		action:
			'Management calls are limited per app and account per hour. Wait until the limit resets (the details say when) or make fewer calls.',
	},
	100: {
		title: 'Invalid parameter',
		action: 'A value sent to Meta is not accepted: the details name the field. Correct it and run again.',
	},
	190: {
		title: 'The access token is invalid or has expired',
		action:
			'Generate a new system-user access token in Meta Business Settings → Users → System users, and paste it into the credential.',
	},
	368: {
		title: 'Temporarily blocked for policy violations',
		action: 'Meta blocked this account for a while. Review the account quality page in WhatsApp Manager.',
	},
	2500: {
		title: 'Meta could not understand the request',
		action: 'Check the IDs in the node: one of them does not exist or is not of the expected kind.',
	},
	130429: {
		title: 'Message throughput limit reached',
		action:
			'The phone number sends at most its throughput (80 messages per second by default). Lower "Messages per Second" or raise "Max Retries".',
	},
	131026: {
		title: 'Message undeliverable',
		action: 'The recipient may not have WhatsApp, may have blocked you or may use an old app version.',
	},
	131031: {
		title: 'Business account locked',
		action: 'Meta locked this account. Open WhatsApp Manager to see why and appeal.',
	},
	131047: {
		title: 'More than 24 hours since the customer last wrote',
		action: 'Free-form messages are only allowed within 24 hours of the customer\'s last message. Send an approved template instead.',
	},
	131048: {
		title: 'Spam rate limit reached',
		action: 'Too many of your messages were blocked or reported. Send fewer messages and improve their quality.',
	},
	131051: { title: 'Unsupported message type', action: 'Choose another message type.' },
	131056: {
		title: 'Too many messages to the same customer',
		action: 'WhatsApp allows about one message every 6 seconds to the same number. Space out messages to this customer.',
	},
	132000: {
		title: 'Template parameter count does not match',
		action: 'Give exactly as many parameters as the template has variables in each component.',
	},
	132001: {
		title: 'Template does not exist in this language',
		action: 'Pick the template again: the name and language must match an approved template.',
	},
	132005: { title: 'Template text too long after filling in parameters', action: 'Shorten the parameter values.' },
	132007: { title: 'Template parameters break the format policy', action: 'Remove new lines, tabs or more than four spaces from parameters.' },
	132012: { title: 'Template parameter format does not match', action: 'Use the parameter type the template expects (text, currency, date, media).' },
	132015: { title: 'Template is paused', action: 'The template was paused for low quality. Edit it or use another one.' },
	132016: { title: 'Template is disabled', action: 'The template was disabled for low quality. Create a new one.' },
	133005: { title: 'Two-step verification PIN does not match', action: 'Use the PIN set for this number, or set a new one (Phone Number → Set Two-Step PIN).' },
	133010: { title: 'Phone number not registered', action: 'Register the phone number first (Phone Number → Register).' },
	136024: { title: 'Phone number already verified', action: 'Nothing to verify: go on with Phone Number → Register.' },
	136025: { title: 'Verification code is wrong', action: 'Check the 6-digit code Meta sent, or request a new one (Phone Number → Request Verification Code).' },
	2200: {
		title: 'Meta could not verify the callback URL',
		action: 'The URL must be reachable from the internet and answer Meta\'s check with the verify token: activate the trigger workflow first, and use the same verify token.',
	},
	133016: { title: 'Too many register or deregister attempts', action: 'Wait before trying again.' },
	200005: {
		title: 'Template insights are not available yet',
		action: 'Turn on insights for the account (Account → Update → Enable Insights) and try again later.',
	},
	200008: { title: 'The account has no phone numbers', action: 'Add and register a phone number first.' },
	// Groups, Flows, blocklists and QR codes.
	139100: {
		title: 'Some users could not be blocked or unblocked',
		action: 'Each output item says which user failed and why. Meta only blocks users who wrote to this number in the last 24 hours.',
	},
	139101: { title: 'The blocklist is full', action: 'A number can block at most 64,000 users. Unblock some users first.' },
	139102: { title: 'The blocklist changed while it was being read', action: 'Run the node again to read the blocklist from the start.' },
	139103: { title: 'Meta could not update the blocklist', action: 'Try again in a moment.' },
	139001: {
		title: 'The Flow can no longer be changed',
		action: 'Only draft Flows take new Flow JSON. Clone the Flow (Flow → Create → Clone From Flow ID), change the copy and publish that.',
	},
	139002: {
		title: 'Meta refused to publish the Flow',
		action: 'Only draft Flows whose Flow JSON has no validation errors can be published. Read the errors (Flow → Get), fix the Flow JSON, upload it again (Flow → Upload Flow JSON) and publish.',
	},
	139003: { title: 'Only published Flows can be deprecated', action: 'A draft Flow can simply be deleted (Flow → Delete).' },
	139004: { title: 'Only draft Flows can be deleted', action: 'Deprecate a published Flow instead (Flow → Deprecate).' },
	131020: { title: 'Nobody has joined the group yet', action: 'Send customers the group\'s invite link first (Group → Get Invite Link); messages go to a group once someone joined.' },
	131041: { title: 'Group unknown', action: 'The group does not exist any more or this number is not in it. List the number\'s groups (Group → Get Many).' },
	803: { title: 'Not found', action: 'The ID or code does not exist on this phone number (it may have been deleted). Check it, or list what exists with Get Many.' },
};

/** An HTTP 404 that is not a Graph error: what answered is not the Graph API, or the path is wrong. */
const WRONG_ADDRESS: ErrorHint = {
	title: 'Nothing answers at this address',
	action: 'Check the Base URL in the credential (https://graph.facebook.com, or your proxy) and the Graph API Version.',
};

/** Meta's code 100 with subcode 33: the ID names nothing this token can see or use this way. */
const NOT_FOUND: ErrorHint = {
	title: 'Not found, or no access',
	action:
		'Check the ID in the node: it must exist, be of the kind this operation expects (for example a WhatsApp Business Account ID, not a phone number ID), and the token\'s system user must have access to it.',
};

/** The hint for a refusal: the resource's own reading of the code first, then the general one, then by HTTP status. */
export function hintFor(code: number | undefined, statusCode?: number, subcode?: number, resourceHints: ResourceHints = {}): ErrorHint | undefined {
	if (code === 100 && subcode === 33) return NOT_FOUND;
	if (code !== undefined) {
		if (resourceHints[code]) return resourceHints[code];
		if (HINTS[code]) return HINTS[code];
		if (code >= 200 && code <= 299) return PERMISSION;
	}
	if (statusCode === 404 && code === undefined) return WRONG_ADDRESS;
	if (statusCode === 401) return HINTS[190];
	if (statusCode === 403) return PERMISSION;
	if (statusCode === 429) return THROTTLED;
	if (statusCode !== undefined && statusCode >= 500) return SERVER;
	return undefined;
}
