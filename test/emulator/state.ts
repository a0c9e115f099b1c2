/**
 * The emulator's world: one business with WhatsApp Business Accounts, phone numbers, templates,
 * users, credit lines and allocation configs. Every object has a Graph ID and a node type, so a
 * bare `/{id}` path resolves to the right operation, as on the real Graph API.
 */
export type NodeType =
	| 'business'
	| 'waba'
	| 'phoneNumber'
	| 'template'
	| 'media'
	| 'user'
	| 'extendedCredit'
	| 'allocationConfig'
	| 'app'
	| 'group'
	| 'flow'
	| 'templateLibrary';

export interface GraphObject {
	id: string;
	type: NodeType;
	[field: string]: unknown;
}

export interface TokenGrant {
	/** WABAs this token may act on; undefined = all. */
	wabaIds?: string[];
	userId: string;
	expired?: boolean;
	/** An app access token ({app-id}|{app-secret} or client_credentials): the only kind /{app-id}/subscriptions accepts. */
	app?: boolean;
}

export interface SeededIds {
	businessId: string;
	clientBusinessId: string;
	appId: string;
	wabaId: string;
	secondWabaId: string;
	otherWabaId: string;
	clientWabaId: string;
	phoneNumberId: string;
	secondPhoneNumberId: string;
	unregisteredPhoneNumberId: string;
	systemUserId: string;
	userId: string;
	extendedCreditId: string;
	allocationConfigId: string;
	templateIds: string[];
	accessToken: string;
	limitedToken: string;
	expiredToken: string;
	appSecret: string;
	verifyToken: string;
}

export class EmulatorState {
	readonly objects = new Map<string, GraphObject>();
	readonly tokens = new Map<string, TokenGrant>();
	/** Every message the emulator accepted, in order: the ground truth for "sent once, none twice". */
	readonly acceptedMessages: Array<{ id: string; phoneNumberId: string; to: string; body: Record<string, unknown>; at: number }> = [];
	readonly mediaBytes = new Map<string, Buffer>();
	/** Recipients whose 24-hour customer service window is closed: free-form messages to them fail with 131047. */
	readonly closedWindows = new Set<string>();
	/** Webhooks the emulator's own operations caused (group created, Flow published, …), in order; see platformEvents.ts. */
	/** Files fetched from the emulator's stand-in for Meta's CDN (QR code pictures), with the Authorization header sent. */
	readonly cdnFetches: Array<{ path: string; authorization: string | undefined }> = [];
	readonly emittedWebhooks: Array<{ wabaId: string; field: string; value: Record<string, unknown>; at: number }> = [];
	private nextId = 100_000_000_000_000;
	ids!: SeededIds;

	newId(): string {
		this.nextId += 1 + Math.floor(Math.random() * 97);
		return String(this.nextId);
	}

	add<T extends GraphObject>(object: T): T {
		this.objects.set(object.id, object);
		return object;
	}

	get(id: string): GraphObject | undefined {
		return this.objects.get(id);
	}

	list(type: NodeType, predicate: (object: GraphObject) => boolean = () => true): GraphObject[] {
		return [...this.objects.values()].filter((object) => object.type === type && predicate(object));
	}

	/** The WABA an object belongs to, for per-WABA access control and rate limits. */
	owningWaba(object: GraphObject | undefined): string | undefined {
		if (!object) return undefined;
		if (object.type === 'waba') return object.id;
		if (typeof object.wabaId === 'string') return object.wabaId;
		return undefined;
	}
}

const APPROVED_TEMPLATE_BODY = 'Hello {{1}}, your order {{2}} has shipped.';

export function seedState(options: { accessToken: string; appSecret: string; verifyToken: string }): EmulatorState {
	const state = new EmulatorState();
	const business = state.add({ id: '506914307656634', type: 'business', name: 'Acme Corp', verification_status: 'verified' });
	const clientBusiness = state.add({ id: '506914307656999', type: 'business', name: 'Client Shop', verification_status: 'not_verified' });
	const app = state.add({ id: '1234567890123456', type: 'app', name: 'Acme WhatsApp App', link: 'https://acme.example/app' });
	const systemUser = state.add({ id: '122100000000000001', type: 'user', name: 'Automation System User', user_type: 'SYSTEM_USER', businessId: business.id });
	const person = state.add({ id: '122100000000000002', type: 'user', name: 'Ana Operator', user_type: 'BUSINESS_USER', businessId: business.id });

	const wabaBase = {
		type: 'waba' as const,
		timezone_id: '1',
		currency: 'USD',
		account_review_status: 'APPROVED',
		business_verification_status: 'verified',
		country: 'US',
		ownership_type: 'SELF',
		status: 'ACTIVE',
		is_enabled_for_insights: false,
		is_shared_with_partners: false,
		health_status: { can_send_message: 'AVAILABLE', entities: [] },
		whatsapp_business_manager_messaging_limit: 'TIER_10K',
		marketing_messages_lite_api_status: 'INELIGIBLE',
		marketing_messages_onboarding_status: 'NOT_STARTED',
		template_auto_archival_enabled: true,
		creation_time: 1700000000,
		assignedUsers: [{ user: systemUser.id, tasks: ['MANAGE', 'DEVELOP'] }],
		subscribedApps: [] as Array<Record<string, unknown>>,
	};
	const waba = state.add({
		...wabaBase,
		id: '102290129340398',
		name: 'Acme Support',
		message_template_namespace: 'a1b2c3d4_e5f6_7890_abcd_ef1234567890',
		ownerBusinessId: business.id,
		owner_business_info: { id: business.id, name: business.name },
		primary_funding_id: '',
	});
	const secondWaba = state.add({
		...wabaBase,
		id: '102290129340411',
		name: 'Acme Marketing',
		message_template_namespace: 'b2c3d4e5_f6a7_8901_bcde_f12345678901',
		ownerBusinessId: business.id,
		owner_business_info: { id: business.id, name: business.name },
		primary_funding_id: '',
		assignedUsers: [],
	});
	const otherWaba = state.add({
		...wabaBase,
		id: '102290129340500',
		name: 'Somebody Else',
		message_template_namespace: 'c3d4e5f6_a7b8_9012_cdef_123456789012',
		ownerBusinessId: '999999999999999',
		owner_business_info: { id: '999999999999999', name: 'Other Inc' },
		primary_funding_id: '',
		assignedUsers: [],
	});
	const clientWaba = state.add({
		...wabaBase,
		id: '102290129340622',
		name: 'Client Shop WhatsApp',
		ownership_type: 'CLIENT_OWNED',
		message_template_namespace: 'd4e5f6a7_b8c9_0123_def0_234567890123',
		ownerBusinessId: clientBusiness.id,
		owner_business_info: { id: clientBusiness.id, name: clientBusiness.name },
		on_behalf_of_business_info: { id: business.id, name: business.name, status: 'APPROVED', type: 'SELF' },
		sharedWithBusinessId: business.id,
		primary_funding_id: '',
		assignedUsers: [],
	});

	const phoneBase = {
		type: 'phoneNumber' as const,
		code_verification_status: 'VERIFIED',
		quality_rating: 'GREEN',
		platform_type: 'CLOUD_API',
		throughput: { level: 'STANDARD' },
		name_status: 'APPROVED',
		status: 'CONNECTED',
		messaging_limit_tier: 'TIER_10K',
		is_official_business_account: false,
		registered: true,
		pin: '123456',
		businessProfile: {
			about: 'We answer within minutes.',
			address: '1 Main Street, Springfield',
			description: 'Acme sells everything.',
			email: 'support@acme.example',
			profile_picture_url: 'https://acme.example/logo.png',
			websites: ['https://acme.example/'],
			vertical: 'RETAIL',
			messaging_product: 'whatsapp',
		},
	};
	// groupsEnabled: the emulator's stand-in for an Official Business Account number that may use the Groups API.
	const phone = state.add({ ...phoneBase, id: '106540352242922', wabaId: waba.id, display_phone_number: '+1 555-010-0001', verified_name: 'Acme Support', groupsEnabled: true });
	const secondPhone = state.add({ ...phoneBase, id: '106540352242933', wabaId: waba.id, display_phone_number: '+1 555-010-0002', verified_name: 'Acme Sales', quality_rating: 'YELLOW' });
	const unregisteredPhone = state.add({
		...phoneBase,
		id: '106540352242944',
		wabaId: waba.id,
		display_phone_number: '+1 555-010-0003',
		verified_name: 'Acme Labs',
		code_verification_status: 'NOT_VERIFIED',
		status: 'PENDING',
		registered: false,
		pin: undefined,
	});
	state.add({ ...phoneBase, id: '106540352242955', wabaId: secondWaba.id, display_phone_number: '+1 555-010-0004', verified_name: 'Acme Marketing' });
	state.add({ ...phoneBase, id: '106540352242966', wabaId: otherWaba.id, display_phone_number: '+44 20 7946 0000', verified_name: 'Somebody Else' });
	state.add({ ...phoneBase, id: '106540352242977', wabaId: clientWaba.id, display_phone_number: '+49 30 901820', verified_name: 'Client Shop' });

	const templateIds: string[] = [];
	const addTemplate = (wabaId: string, name: string, language: string, category: string, status: string, components: unknown[], extra: Record<string, unknown> = {}) => {
		const template = state.add({
			id: state.newId(),
			type: 'template',
			wabaId,
			name,
			language,
			category,
			status,
			parameter_format: 'POSITIONAL',
			quality_score: { score: 'GREEN', date: 1700000000 },
			components,
			...extra,
		});
		templateIds.push(template.id);
		return template;
	};
	addTemplate(waba.id, 'order_shipped', 'en_US', 'UTILITY', 'APPROVED', [
		{ type: 'HEADER', format: 'TEXT', text: 'Order update' },
		{ type: 'BODY', text: APPROVED_TEMPLATE_BODY, example: { body_text: [['Ana', 'A-1001']] } },
		{ type: 'FOOTER', text: 'Acme Corp' },
		{ type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track', url: 'https://acme.example/track/{{1}}', example: ['https://acme.example/track/A-1001'] }] },
	]);
	addTemplate(waba.id, 'order_shipped', 'es_ES', 'UTILITY', 'APPROVED', [
		{ type: 'BODY', text: 'Hola {{1}}, tu pedido {{2}} ha sido enviado.', example: { body_text: [['Ana', 'A-1001']] } },
	]);
	addTemplate(waba.id, 'welcome_offer', 'en_US', 'MARKETING', 'APPROVED', [
		{ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvanBlZw==:ARZ'] } },
		{ type: 'BODY', text: 'Hi {{first_name}}, enjoy {{discount}} off!', example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }, { param_name: 'discount', example: '10%' }] } },
		{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Stop promotions' }] },
	], { parameter_format: 'NAMED' });
	addTemplate(waba.id, 'login_code', 'en_US', 'AUTHENTICATION', 'APPROVED', [
		{ type: 'BODY', add_security_recommendation: true },
		{ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
	]);
	addTemplate(waba.id, 'spring_sale', 'en_US', 'MARKETING', 'REJECTED', [{ type: 'BODY', text: 'Spring sale! Everything must go.' }], { rejected_reason: 'PROMOTIONAL' });
	addTemplate(waba.id, 'appointment_reminder', 'en_US', 'UTILITY', 'PENDING', [{ type: 'BODY', text: 'Reminder: your appointment is on {{1}}.', example: { body_text: [['Monday']] } }]);
	addTemplate(waba.id, 'old_promo', 'en_US', 'MARKETING', 'PAUSED', [{ type: 'BODY', text: 'Old promo.' }], { quality_score: { score: 'RED', date: 1700000000 } });
	addTemplate(secondWaba.id, 'newsletter', 'en_US', 'MARKETING', 'APPROVED', [{ type: 'BODY', text: 'Our news this week.' }]);

	// Meta's template library answers at /message_template_library, a path without a node ID.
	state.add({ id: 'message_template_library', type: 'templateLibrary' });
	const credit = state.add({ id: '1972385232742146', type: 'extendedCredit', businessId: business.id, legal_entity_name: 'Acme Partner Ltd', credit_available: { amount: '5000.00', currency: 'USD' } });
	const allocation = state.add({
		id: '58501441721238',
		type: 'allocationConfig',
		creditId: credit.id,
		wabaId: clientWaba.id,
		receiving_business: { id: clientBusiness.id, name: clientBusiness.name },
		receiving_credential: { id: '5010101010101010' },
		request_status: 'APPROVED',
		credential_type: 'LINE_OF_CREDIT',
		currency_amount: { amount: '0', currency: 'USD' },
	});
	clientWaba.primary_funding_id = '5010101010101010';

	state.tokens.set(options.accessToken, { userId: systemUser.id });
	const limitedToken = `${options.accessToken}-limited`;
	state.tokens.set(limitedToken, { userId: person.id, wabaIds: [secondWaba.id] });
	const expiredToken = `${options.accessToken}-expired`;
	state.tokens.set(expiredToken, { userId: systemUser.id, expired: true });

	state.ids = {
		businessId: business.id,
		clientBusinessId: clientBusiness.id,
		appId: app.id,
		wabaId: waba.id,
		secondWabaId: secondWaba.id,
		otherWabaId: otherWaba.id,
		clientWabaId: clientWaba.id,
		phoneNumberId: phone.id,
		secondPhoneNumberId: secondPhone.id,
		unregisteredPhoneNumberId: unregisteredPhone.id,
		systemUserId: systemUser.id,
		userId: person.id,
		extendedCreditId: credit.id,
		allocationConfigId: allocation.id,
		templateIds,
		accessToken: options.accessToken,
		limitedToken,
		expiredToken,
		appSecret: options.appSecret,
		verifyToken: options.verifyToken,
	};
	return state;
}
