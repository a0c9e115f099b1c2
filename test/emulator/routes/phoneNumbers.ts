import { randomInt } from 'node:crypto';

import { GraphError, invalidParameter } from '../graphError';
import type { EmulatorState, GraphObject } from '../state';
import type { Route } from './types';

/**
 * Phone number lifecycle: add → request_code → verify_code → register (PIN) → deregister; two-step
 * PIN; business profile. The emulator keeps the code it "sent" in `verificationCode`, so tests can
 * read it from the state like a person reads the SMS.
 */
const PROFILE_FIELDS = ['about', 'address', 'description', 'email', 'profile_picture_url', 'websites', 'vertical', 'messaging_product'];
const REGIONS = ['AE', 'AU', 'BH', 'BR', 'CA', 'CH', 'DE', 'GB', 'ID', 'IN', 'JP', 'KR', 'SG', 'ZA'];
const VERTICALS = ['OTHER', 'AUTO', 'BEAUTY', 'APPAREL', 'EDU', 'ENTERTAIN', 'EVENT_PLAN', 'FINANCE', 'GROCERY', 'GOVT', 'HOTEL', 'HEALTH', 'NONPROFIT', 'PROF_SERVICES', 'RETAIL', 'TRAVEL', 'RESTAURANT', 'ALCOHOL', 'ONLINE_GAMBLING', 'PHYSICAL_GAMBLING', 'OTC_DRUGS'];
const SIX_DIGITS = /^[0-9]{6}$/;
/** Meta's username format: 3–35 letters, digits, periods, underscores; a letter; no leading/trailing/double period; not web-address-like. */
const USERNAME = /^(?!www)(?!\.)(?!.*\.\.)(?!.*\.$)(?=.*[A-Za-z])[A-Za-z0-9._]{3,35}$/i;
const DOMAIN_ENDING = /\.(com|org|net|int|edu|gov|mil|us|in|html)$/i;

const businessOf = (state: EmulatorState, phone: GraphObject) => state.get(String(phone.wabaId))?.ownerBusinessId;

/** Business usernames: GET, POST ({username, transfer_action}) and DELETE on /{phone-number-id}/username. */
const usernameRoutes: Route[] = [
	{
		method: 'GET',
		target: 'phoneNumber',
		edge: 'username',
		// The username is left out when the number has none.
		handler: ({ object }) => (object!.username ? { username: object!.username, status: object!.username_status } : {}),
	},
	{
		method: 'POST',
		target: 'phoneNumber',
		edge: 'username',
		handler: ({ object, req, state }) => {
			const { username, transfer_action: transfer = 'none' } = req.params as Record<string, unknown>;
			const wanted = String(username ?? '');
			if (!USERNAME.test(wanted) || DOMAIN_ENDING.test(wanted)) throw invalidParameter(`"${wanted}" is not a valid username`);
			if (transfer !== 'none' && transfer !== 'force_transfer') throw invalidParameter('transfer_action must be none or force_transfer');
			const holder = state.list('phoneNumber', (phone) => phone.id !== object!.id && String(phone.username ?? '').toLowerCase() === wanted.toLowerCase())[0];
			if (holder) {
				if (businessOf(state, holder) !== businessOf(state, object!)) throw new GraphError(400, 147001, '(#147001) Username is not available', { details: `${wanted} is taken` });
				if (transfer !== 'force_transfer') throw new GraphError(400, 147005, '(#147005) Username belongs to another phone number in this business portfolio', { details: 'Use transfer_action force_transfer to move it' });
				delete holder.username;
				delete holder.username_status;
			}
			object!.username = wanted;
			// Usernames are not yet visible to WhatsApp users: an accepted one is reserved until then.
			object!.username_status = 'reserved';
			return { status: 'reserved' };
		},
	},
	{
		method: 'DELETE',
		target: 'phoneNumber',
		edge: 'username',
		handler: ({ object }) => {
			delete object!.username;
			delete object!.username_status;
			return { success: true };
		},
	},
];

export const phoneNumbersRoutes: Route[] = [
	...usernameRoutes,
	{
		method: 'POST',
		target: 'waba',
		edge: 'phone_numbers',
		operationId: 'createWhatsAppBusinessAccountPhoneNumber',
		handler: ({ object, req, state }) => {
			const { cc, phone_number: phoneNumber, verified_name: verifiedName } = req.params as Record<string, unknown>;
			if (!/^[0-9]{1,3}$/.test(String(cc ?? ''))) throw invalidParameter('cc must be a country calling code of 1 to 3 digits');
			if (!/^[0-9]{4,14}$/.test(String(phoneNumber ?? ''))) throw invalidParameter('phone_number must be digits without the country code');
			const name = String(verifiedName ?? '');
			if (name.length < 2 || name.length > 75) throw invalidParameter('verified_name must have 2 to 75 characters');
			const display = `+${String(cc)} ${String(phoneNumber)}`;
			const digits = (value: unknown) => String(value ?? '').replace(/\D/g, '');
			if (state.list('phoneNumber', (phone) => digits(phone.display_phone_number) === digits(display)).length) {
				throw new GraphError(400, 100, '(#100) Invalid parameter', { subcode: 2388001, details: 'This phone number is already registered to a WhatsApp Business Account' });
			}
			const phone = state.add({
				id: state.newId(),
				type: 'phoneNumber',
				wabaId: object!.id,
				display_phone_number: display,
				verified_name: name,
				code_verification_status: 'NOT_VERIFIED',
				quality_rating: 'UNKNOWN',
				platform_type: 'NOT_APPLICABLE',
				throughput: { level: 'NOT_APPLICABLE' },
				name_status: 'PENDING_REVIEW',
				status: 'PENDING',
				registered: false,
			});
			return { id: phone.id };
		},
	},
	{
		method: 'POST',
		target: 'phoneNumber',
		edge: 'request_code',
		operationId: 'requestVerificationCode',
		handler: ({ object, req }) => {
			const { code_method: method, language } = req.params as Record<string, unknown>;
			if (!['SMS', 'VOICE'].includes(String(method))) throw invalidParameter('code_method must be SMS or VOICE');
			if (!/^[a-z]{2}_[A-Z]{2}$/.test(String(language ?? ''))) throw invalidParameter('language must be a locale such as en_US');
			if (object!.code_verification_status === 'VERIFIED') {
				throw new GraphError(400, 136024, '(#136024) This phone number is already verified', { details: 'The phone number is already verified' });
			}
			object!.verificationCode = String(randomInt(0, 1_000_000)).padStart(6, '0');
			object!.verificationMethod = method;
			return { success: true };
		},
	},
	{
		method: 'POST',
		target: 'phoneNumber',
		edge: 'verify_code',
		operationId: 'verifyPhoneNumberCode',
		handler: ({ object, req }) => {
			const code = String((req.params as Record<string, unknown>).code ?? '');
			if (!SIX_DIGITS.test(code)) throw invalidParameter('code must be 6 digits');
			if (!object!.verificationCode) throw invalidParameter('Request a verification code first');
			if (code !== object!.verificationCode) {
				throw new GraphError(400, 136025, '(#136025) Code couldn\'t be verified, You have entered an incorrect code', { details: 'Verification code mismatch' });
			}
			object!.verificationCode = undefined;
			object!.code_verification_status = 'VERIFIED';
			return { success: true };
		},
	},
	{
		method: 'POST',
		target: 'phoneNumber',
		edge: 'register',
		operationId: 'registerWhatsAppBusinessPhoneNumber',
		handler: ({ object, req }) => {
			const { messaging_product: product, pin, data_localization_region: region } = req.params as Record<string, unknown>;
			if (product !== 'whatsapp') throw invalidParameter('messaging_product must be whatsapp');
			if (!SIX_DIGITS.test(String(pin ?? ''))) throw invalidParameter('pin must be exactly 6 digits');
			if (region !== undefined && !REGIONS.includes(String(region))) throw invalidParameter(`Unsupported data_localization_region ${String(region)}`);
			if (object!.code_verification_status !== 'VERIFIED') throw invalidParameter('Verify the phone number (request_code, verify_code) before registering it');
			if (object!.pin && object!.pin !== String(pin)) {
				throw new GraphError(400, 133005, '(#133005) Two step verification PIN Mismatch', { details: 'The PIN does not match the number\'s two-step verification PIN' });
			}
			object!.pin = String(pin);
			object!.registered = true;
			object!.status = 'CONNECTED';
			object!.platform_type = 'CLOUD_API';
			if (region !== undefined) object!.data_localization_region = region;
			return { success: true };
		},
	},
	{
		method: 'POST',
		target: 'phoneNumber',
		edge: 'deregister',
		operationId: 'deregisterPhoneNumber',
		handler: ({ object }) => {
			object!.registered = false;
			object!.status = 'DISCONNECTED';
			object!.platform_type = 'NOT_APPLICABLE';
			return { success: true };
		},
	},
	{
		method: 'POST',
		target: 'phoneNumber',
		operationId: 'updatePhoneNumberStatus',
		handler: ({ object, req }) => {
			const { pin } = req.params as Record<string, unknown>;
			if (pin === undefined) throw invalidParameter('Nothing to update: give pin');
			if (!SIX_DIGITS.test(String(pin))) throw invalidParameter('pin must be exactly 6 digits');
			object!.pin = String(pin);
			return { success: true };
		},
	},
	{
		method: 'GET',
		target: 'phoneNumber',
		edge: 'whatsapp_business_profile',
		operationId: 'getWhatsAppBusinessProfile',
		handler: ({ object, req }) => {
			const profile = (object!.businessProfile ?? { messaging_product: 'whatsapp' }) as Record<string, unknown>;
			const wanted = req.query.fields ? req.query.fields.split(',').map((field) => field.trim()) : ['about', 'messaging_product'];
			const unknown = wanted.find((field) => !PROFILE_FIELDS.includes(field));
			if (unknown) throw new GraphError(400, 100, `(#100) Tried accessing nonexisting field (${unknown}) on node type (WhatsAppBusinessProfile)`);
			const projected = Object.fromEntries(wanted.filter((field) => profile[field] !== undefined).map((field) => [field, profile[field]]));
			return { data: [{ ...projected, messaging_product: 'whatsapp' }] };
		},
	},
	{
		method: 'POST',
		target: 'phoneNumber',
		edge: 'whatsapp_business_profile',
		operationId: 'updateWhatsAppBusinessProfileInformation',
		handler: ({ object, req }) => {
			const params = req.params as Record<string, unknown>;
			if (params.messaging_product !== 'whatsapp') throw invalidParameter('messaging_product must be whatsapp');
			const limits: Record<string, number> = { about: 139, address: 256, description: 512, email: 128 };
			for (const [field, max] of Object.entries(limits)) {
				if (params[field] !== undefined && [...String(params[field])].length > max) throw invalidParameter(`${field} is too long: the limit is ${max} characters`);
			}
			if (params.about !== undefined && String(params.about).length === 0) throw invalidParameter('about must not be empty');
			if (params.vertical !== undefined && !VERTICALS.includes(String(params.vertical))) throw invalidParameter(`Invalid vertical ${String(params.vertical)}`);
			if (params.websites !== undefined) {
				if (!Array.isArray(params.websites) || params.websites.length > 2) throw invalidParameter('websites must be a list of at most 2 URLs');
				if (params.websites.some((website) => typeof website !== 'string' || website.length > 256 || !/^https?:\/\//.test(website))) throw invalidParameter('Each website must be an http(s) URL of at most 256 characters');
			}
			const profile = { ...((object!.businessProfile ?? {}) as Record<string, unknown>) };
			for (const field of ['about', 'address', 'description', 'email', 'vertical', 'websites']) if (params[field] !== undefined) profile[field] = params[field];
			if (params.profile_picture_handle !== undefined) profile.profile_picture_url = `https://pps.whatsapp.example/${String(params.profile_picture_handle).slice(0, 12)}.jpg`;
			object!.businessProfile = profile;
			return { success: true };
		},
	},
];
