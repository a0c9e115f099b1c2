import type { IDataObject } from 'n8n-workflow';

import { checkEmail, checkMaxLength, checkPattern, checkRequired, fail } from '../../shared/validation';


/** Limits of POST /{phone-number-id}/whatsapp_business_profile (Meta's OpenAPI spec). */
export const PROFILE_LIMITS = { about: 139, address: 256, description: 256, email: 128, website: 256, websites: 2 };

export function checkBusinessProfile(profile: IDataObject): void {
	if (profile.about !== undefined) {
		checkRequired('About', profile.about);
		checkMaxLength('About', profile.about, PROFILE_LIMITS.about);
	}
	checkMaxLength('Address', profile.address, PROFILE_LIMITS.address);
	checkMaxLength('Description', profile.description, PROFILE_LIMITS.description);
	checkMaxLength('Email', profile.email, PROFILE_LIMITS.email);
	if (profile.email !== undefined && profile.email !== '') checkEmail('Email', profile.email, PROFILE_LIMITS.email);
	const websites = (profile.websites ?? []) as string[];
	if (websites.length > PROFILE_LIMITS.websites) fail('Websites', `at most ${PROFILE_LIMITS.websites} websites allowed, got ${websites.length}`);
	websites.forEach((website, index) => {
		checkMaxLength(`Website ${index + 1}`, website, PROFILE_LIMITS.website);
		checkPattern(`Website ${index + 1}`, website, /^https?:\/\/\S+$/i, 'must start with http:// or https://');
	});
}
