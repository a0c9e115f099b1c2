/**
 * Webhook payload builders for every WhatsApp Business Account field, after the shapes Meta
 * documents (Cloud API webhooks reference and payload examples). Deterministic by default, so
 * signed fixtures built from them stay stable; every builder takes overrides.
 */

export type Json = Record<string, unknown>;

export interface WebhookContextIds {
	wabaId: string;
	phoneNumberId: string;
	displayPhoneNumber: string;
}

export const DEFAULT_IDS: WebhookContextIds = {
	wabaId: '102290129340398',
	phoneNumberId: '106540352242922',
	displayPhoneNumber: '15550783881',
};

/** The customer of the examples: since 2026 Meta names every customer by a business-scoped user ID (BSUID) too. */
export const CUSTOMER = { waId: '16505551234', name: 'Sheena Nelson', userId: 'US.13491208655302741918' };
/** A customer who adopted a username: Meta may send no phone number for them, only BSUIDs and the username. */
export const USERNAME_CUSTOMER = { name: 'Pablo Morales', username: '@pablomorales', userId: 'US.10987654321098765432', parentUserId: 'US.ENT.506847293015824' };
export const TIMESTAMP = '1749416383';

let counter = 0;
/** A message id shaped like Meta's (wamid. + base64), unique per call unless a seed is given. */
export function wamid(seed?: string): string {
	const body = Buffer.from(`HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=${seed ?? ++counter}`).toString('base64');
	return `wamid.${body}`;
}

export function notification(entries: Json[]): Json {
	return { object: 'whatsapp_business_account', entry: entries };
}

export function entry(wabaId: string, changes: Json[], time = 1749416384): Json {
	return { id: wabaId, time, changes };
}

export function change(field: string, value: Json): Json {
	return { field, value };
}

/** One delivery with one entry and one change. */
export function single(field: string, value: Json, ids: WebhookContextIds = DEFAULT_IDS): Json {
	return notification([entry(ids.wabaId, [change(field, value)])]);
}

export function metadata(ids: WebhookContextIds = DEFAULT_IDS): Json {
	return { display_phone_number: ids.displayPhoneNumber, phone_number_id: ids.phoneNumberId };
}

export function contact(waId = CUSTOMER.waId, name = CUSTOMER.name, userId = waId === CUSTOMER.waId ? CUSTOMER.userId : undefined): Json {
	return userId ? { profile: { name }, wa_id: waId, user_id: userId } : { profile: { name }, wa_id: waId };
}

/** The contact entry of a customer known only by BSUIDs and a username (no `wa_id`). */
export function usernameContact(who = USERNAME_CUSTOMER): Json {
	return { profile: { name: who.name, username: who.username }, user_id: who.userId, parent_user_id: who.parentUserId };
}

/** The `value` of a `messages` change. */
export function messagesValue(parts: { messages?: Json[]; statuses?: Json[]; contacts?: Json[]; ids?: WebhookContextIds }): Json {
	const value: Json = { messaging_product: 'whatsapp', metadata: metadata(parts.ids) };
	const contacts = parts.contacts ?? (parts.messages ? [contact()] : []);
	if (contacts.length) value.contacts = contacts;
	if (parts.messages) value.messages = parts.messages;
	if (parts.statuses) value.statuses = parts.statuses;
	return value;
}

const base = (type: string, overrides: Json = {}): Json => ({ from: CUSTOMER.waId, from_user_id: CUSTOMER.userId, id: wamid(), timestamp: TIMESTAMP, type, ...overrides });
const media = (kind: string, extra: Json) => ({ id: `${kind === 'image' ? 1 : kind === 'audio' ? 2 : kind === 'video' ? 3 : kind === 'document' ? 4 : 5}0293847561023`, sha256: 'kS7Y2vSmDc2Yq3WHRt6Xr8Lh8qgRNpJVx3+8mJk4qWo=', ...extra });

/** One builder per incoming message type. */
export const messageBuilders = {
	text: (o: Json = {}) => base('text', { text: { body: 'Hello, is my order on its way?' }, ...o }),
	image: (o: Json = {}) => base('image', { image: media('image', { caption: 'The broken part', mime_type: 'image/jpeg' }), ...o }),
	audio: (o: Json = {}) => base('audio', { audio: media('audio', { mime_type: 'audio/ogg; codecs=opus', voice: true }), ...o }),
	video: (o: Json = {}) => base('video', { video: media('video', { caption: 'Unboxing', mime_type: 'video/mp4' }), ...o }),
	document: (o: Json = {}) => base('document', { document: media('document', { caption: 'Invoice', filename: 'invoice-2291.pdf', mime_type: 'application/pdf' }), ...o }),
	sticker: (o: Json = {}) => base('sticker', { sticker: media('sticker', { mime_type: 'image/webp', animated: false }), ...o }),
	buttonReply: (o: Json = {}) =>
		base('interactive', {
			context: { from: DEFAULT_IDS.displayPhoneNumber, id: wamid('ctx-button') },
			interactive: { type: 'button_reply', button_reply: { id: 'confirm-yes', title: 'Yes' } },
			...o,
		}),
	listReply: (o: Json = {}) =>
		base('interactive', {
			context: { from: DEFAULT_IDS.displayPhoneNumber, id: wamid('ctx-list') },
			interactive: { type: 'list_reply', list_reply: { id: 'slot-2', title: 'Tuesday 10:00', description: 'Store pickup' } },
			...o,
		}),
	button: (o: Json = {}) =>
		base('button', { context: { from: DEFAULT_IDS.displayPhoneNumber, id: wamid('ctx-template') }, button: { text: 'Stop promotions', payload: 'STOP_PROMOTIONS' }, ...o }),
	location: (o: Json = {}) =>
		base('location', { location: { latitude: 37.483872, longitude: -122.148358, name: 'Philz Coffee', address: '101 Forest Ave, Palo Alto, CA 94301' }, ...o }),
	contacts: (o: Json = {}) =>
		base('contacts', {
			contacts: [
				{
					name: { formatted_name: 'Barbara J. Johnson', first_name: 'Barbara', last_name: 'Johnson' },
					phones: [{ phone: '+1 (940) 555-1234', wa_id: '19405551234', type: 'HOME' }],
					emails: [{ email: 'bjohnson@example.com', type: 'WORK' }],
				},
			],
			...o,
		}),
	reaction: (o: Json = {}) => base('reaction', { reaction: { message_id: wamid('reacted-to'), emoji: '\u{1F44D}' }, ...o }),
	order: (o: Json = {}) =>
		base('order', {
			order: {
				catalog_id: '194836987003835',
				text: 'Please deliver before noon',
				product_items: [
					{ product_retailer_id: 'di9ozbzfi4', quantity: 2, item_price: 30, currency: 'USD' },
					{ product_retailer_id: 'nqryix03ez', quantity: 1, item_price: 25, currency: 'USD' },
				],
			},
			...o,
		}),
	system: (o: Json = {}) =>
		base('system', { system: { body: 'User Sheena Nelson changed from 16505551234 to 16505559999', wa_id: '16505559999', type: 'user_changed_number' }, ...o }),
	unsupported: (o: Json = {}) =>
		base('unsupported', {
			errors: [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }],
			...o,
		}),
	referral: (o: Json = {}) =>
		base('text', {
			text: { body: 'I saw your ad' },
			referral: { source_url: 'https://fb.me/3cr4Wqqkv', source_id: '120226305854810726', source_type: 'ad', headline: 'Spring sale', body: 'Up to 50% off', media_type: 'image', ctwa_clid: 'ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-ZABDLOnK9' },
			...o,
		}),
	edit: (o: Json = {}) =>
		base('edit', { edit: { original_message_id: wamid('edited'), message: { type: 'text', text: { body: 'Is it available in blue?' } } }, ...o }),
	revoke: (o: Json = {}) => base('revoke', { revoke: { original_message_id: wamid('revoked') }, ...o }),
	flowReply: (o: Json = {}) =>
		base('interactive', {
			context: { from: DEFAULT_IDS.displayPhoneNumber, id: wamid('ctx-flow') },
			interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: '{"flow_token":"booking-7","slot":"tuesday-10"}' } },
			...o,
		}),
	usernameOnly: (o: Json = {}): Json => {
		const { from: _phone, ...message } = base('text', { text: { body: 'Does it come in another color?' } });
		return { ...message, from_user_id: USERNAME_CUSTOMER.userId, from_parent_user_id: USERNAME_CUSTOMER.parentUserId, ...o };
	},
	userIdChange: (o: Json = {}) =>
		base('system', {
			system: { body: `User ${CUSTOMER.name} changed from ${CUSTOMER.userId} to US.20987654321012345678`, user_id: 'US.20987654321012345678', type: 'user_changed_user_id' },
			...o,
		}),
};

export type MessageType = keyof typeof messageBuilders;

export function statusUpdate(status: 'sent' | 'delivered' | 'read' | 'failed' | 'played', o: Json = {}): Json {
	const update: Json = { id: wamid('outbound'), status, timestamp: TIMESTAMP, recipient_id: CUSTOMER.waId, recipient_user_id: CUSTOMER.userId, ...o };
	if (status === 'sent' || status === 'delivered') {
		update.conversation ??= { id: 'b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6', origin: { type: 'utility' }, expiration_timestamp: '1749502784' };
		update.pricing ??= { billable: true, pricing_model: 'PMP', category: 'utility', type: 'regular' };
	}
	if (status === 'failed') {
		update.errors ??= [
			{
				code: 131047,
				title: 'Re-engagement message',
				message: 'Re-engagement message',
				error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
				href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
			},
		];
	}
	return update;
}

const template = { message_template_id: 806312974732579, message_template_name: 'order_confirmation', message_template_language: 'en_US' };

/** The `value` of one change for every field other than `messages`. */
export const fieldValues: Record<string, (ids?: WebhookContextIds) => Json> = {
	message_template_status_update: () => ({ event: 'REJECTED', ...template, reason: 'INCORRECT_CATEGORY', other_info: { title: 'TEMPLATE_RENAMED', description: 'Rejected because of its category' } }),
	message_template_quality_update: () => ({ previous_quality_score: 'GREEN', new_quality_score: 'YELLOW', ...template }),
	message_template_components_update: () => ({ ...template, message_template_element: 'Your order {{1}} is confirmed.', message_template_title: 'Order confirmed', message_template_footer: 'Reply STOP to opt out' }),
	template_category_update: () => ({ ...template, previous_category: 'UTILITY', new_category: 'MARKETING', correct_category: 'MARKETING' }),
	phone_number_quality_update: (ids = DEFAULT_IDS) => ({ display_phone_number: ids.displayPhoneNumber, event: 'DOWNGRADE', current_limit: 'TIER_1K', old_limit: 'TIER_10K' }),
	phone_number_name_update: (ids = DEFAULT_IDS) => ({ display_phone_number: ids.displayPhoneNumber, decision: 'APPROVED', requested_verified_name: 'Acme Support', rejection_reason: null }),
	account_update: (ids = DEFAULT_IDS) => ({ phone_number: ids.displayPhoneNumber, event: 'ACCOUNT_VIOLATION', violation_info: { violation_type: 'SCAM' } }),
	account_review_update: () => ({ decision: 'APPROVED' }),
	account_alerts: (ids = DEFAULT_IDS) => ({ entity_type: 'WABA', entity_id: ids.wabaId, alert_severity: 'WARNING', alert_status: 'ACTIVE', alert_type: 'INCREASED_CAPABILITIES_ELIGIBILITY', alert_description: 'You may be eligible for higher messaging limits' }),
	business_capability_update: () => ({ max_daily_conversation_per_phone: 10000, max_phone_numbers_per_business: 2, max_phone_numbers_per_waba: 25 }),
	security: (ids = DEFAULT_IDS) => ({ display_phone_number: ids.displayPhoneNumber, event: 'PIN_CHANGED', requester: '61553200346745' }),
	flows: () => ({ event: 'FLOW_STATUS_CHANGE', message: 'Flow Appointment booking changed status from DRAFT to PUBLISHED', flow_id: '1357920198765432', old_status: 'DRAFT', new_status: 'PUBLISHED' }),
	user_preferences: (ids = DEFAULT_IDS) => ({
		messaging_product: 'whatsapp',
		metadata: metadata(ids),
		contacts: [contact()],
		user_preferences: [{ wa_id: CUSTOMER.waId, detail: 'User requested to stop marketing messages', category: 'marketing_messages', value: 'stop', timestamp: 1749416383 }],
	}),
	history: (ids = DEFAULT_IDS) => ({
		messaging_product: 'whatsapp',
		metadata: metadata(ids),
		history: [
			{
				metadata: { phase: 0, chunk_order: 1, progress: 100 },
				threads: [{ id: CUSTOMER.waId, messages: [{ from: CUSTOMER.waId, id: wamid('history'), timestamp: '1749000000', type: 'text', text: { body: 'Old chat' }, history_context: { status: 'READ' } }] }],
			},
		],
	}),
	smb_message_echoes: (ids = DEFAULT_IDS) => ({
		messaging_product: 'whatsapp',
		metadata: metadata(ids),
		message_echoes: [{ from: ids.displayPhoneNumber, to: CUSTOMER.waId, id: wamid('echo'), timestamp: TIMESTAMP, type: 'text', text: { body: 'Sent from the WhatsApp Business app' } }],
	}),
	smb_app_state_sync: (ids = DEFAULT_IDS) => ({
		messaging_product: 'whatsapp',
		metadata: metadata(ids),
		state_sync: [{ type: 'contact', contact: { full_name: 'Sheena Nelson', first_name: 'Sheena', phone_number: CUSTOMER.waId }, action: 'add', metadata: { timestamp: TIMESTAMP } }],
	}),
	partner_solutions: () => ({ event: 'SOLUTION_CREATED', solution_id: '1287309872468312', solution_status: 'ACTIVE' }),
	payment_configuration_update: () => ({ configuration_name: 'acme-payments', provider_name: 'razorpay', provider_mid: 'mid-2291', status: 'Active', created_timestamp: 1749416383, updated_timestamp: 1749416383 }),
	calls: (ids = DEFAULT_IDS) => ({
		messaging_product: 'whatsapp',
		metadata: metadata(ids),
		contacts: [contact()],
		calls: [{ id: 'wacid.HBgLMTY1MDU1NTEyMzQVAgASGCA', to: ids.displayPhoneNumber, from: CUSTOMER.waId, event: 'connect', timestamp: TIMESTAMP, direction: 'USER_INITIATED', session: { sdp_type: 'offer', sdp: 'v=0' } }],
	}),
	account_settings_update: (ids = DEFAULT_IDS) => ({ messaging_product: 'whatsapp', metadata: metadata(ids), timestamp: TIMESTAMP, type: 'calling', calling: { status: 'ENABLED', call_icon_visibility: 'DEFAULT' } }),
	automatic_events: (ids = DEFAULT_IDS) => ({
		messaging_product: 'whatsapp',
		metadata: metadata(ids),
		automatic_events: [{ id: wamid('purchase'), event_name: 'Purchase', timestamp: 1749069131, ctwa_clid: 'Afc3nYt4TTydumlFFsatFz8bR2yHCtVA92Veu_zDE4DgAI', custom_data: { currency: 'USD', value: 25000 } }],
	}),
	consumer_profile: (ids = DEFAULT_IDS) => ({ messaging_product: 'whatsapp', metadata: metadata(ids), contacts: [contact()], consumer_profile: [{ user_id: CUSTOMER.userId, wa_id: CUSTOMER.waId, profile: { name: CUSTOMER.name }, timestamp: TIMESTAMP }] }),
	group_lifecycle_update: (ids = DEFAULT_IDS) => ({ messaging_product: 'whatsapp', metadata: metadata(ids), groups: [{ timestamp: TIMESTAMP, group_id: 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjMzOTQzMjAyODk3OQZDZD', type: 'group_create', request_id: 'req-7f3a', subject: 'Spring launch VIP', invite_link: 'https://chat.whatsapp.com/LbbMkIs8n9S2Hw1sQmFq' }] }),
	group_participants_update: (ids = DEFAULT_IDS) => ({ messaging_product: 'whatsapp', metadata: metadata(ids), groups: [{ timestamp: TIMESTAMP, group_id: 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjMzOTQzMjAyODk3OQZDZD', type: 'group_participants_add', added_participants: [{ wa_id: CUSTOMER.waId, user_id: CUSTOMER.userId }] }] }),
	group_settings_update: (ids = DEFAULT_IDS) => ({ messaging_product: 'whatsapp', metadata: metadata(ids), groups: [{ timestamp: TIMESTAMP, group_id: 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjMzOTQzMjAyODk3OQZDZD', type: 'group_settings_update', request_id: 'req-8b21', group_subject: { text: 'Spring launch VIPs', update_successful: true } }] }),
	group_status_update: (ids = DEFAULT_IDS) => ({ messaging_product: 'whatsapp', metadata: metadata(ids), groups: [{ timestamp: TIMESTAMP, group_id: 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjMzOTQzMjAyODk3OQZDZD', type: 'group_suspend' }] }),
	message_echoes: (ids = DEFAULT_IDS) => ({
		messaging_product: 'whatsapp',
		metadata: metadata(ids),
		contacts: [contact()],
		message_echoes: [{ from: ids.displayPhoneNumber, to: CUSTOMER.waId, to_user_id: CUSTOMER.userId, id: wamid('api-echo'), timestamp: TIMESTAMP, type: 'text', text: { body: 'Your order has shipped' } }],
	}),
	messaging_handovers: (ids = DEFAULT_IDS) => ({
		messaging_product: 'whatsapp',
		metadata: metadata(ids),
		contacts: [contact()],
		type: 'control_passed',
		control_passed: { previous_owner: 'PRIMARY_BUSINESS_APP', new_owner: 'SECONDARY_BUSINESS_APP', metadata: 'Customer asked for a human' },
		timestamp: TIMESTAMP,
	}),
	standby: (ids = DEFAULT_IDS) => ({ ...messagesValue({ messages: [messageBuilders.text({ text: { body: 'Message while another app owns the thread' } })], ids }) }),
};

export const OTHER_FIELDS = Object.keys(fieldValues);

/** One incoming message of the given type, as a full delivery. */
export function incomingMessage(type: MessageType, ids: WebhookContextIds = DEFAULT_IDS, overrides: Json = {}): Json {
	const message = messageBuilders[type](overrides);
	// System messages come without a contacts array; a username-only customer without a phone number.
	const contacts = message.type === 'system' ? [] : type === 'usernameOnly' ? [usernameContact()] : undefined;
	return single('messages', messagesValue({ messages: [message], contacts, ids }), ids);
}

/** One status update, as a full delivery. */
export function statusDelivery(status: Parameters<typeof statusUpdate>[0], ids: WebhookContextIds = DEFAULT_IDS, overrides: Json = {}): Json {
	// Meta names the recipient in contacts for sent, delivered and read statuses, not for failed ones.
	const contacts = status === 'failed' ? [] : [contact()];
	return single('messages', messagesValue({ statuses: [statusUpdate(status, overrides)], contacts, ids }), ids);
}
