import { InputError } from './validation';

/**
 * A WhatsApp user's phone number as digits with the country code: "+", "00", spaces, dashes, dots
 * and brackets are dropped; 7 to 15 digits remain (E.164).
 */
export function userNumberDigits(field: string, value: unknown): string {
	const text = String(value ?? '').trim();
	if (!text) throw new InputError(field, 'a phone number is required');
	const digits = text.replace(/[\s\-.()]/g, '').replace(/^(\+|00)/, '');
	if (!/^[0-9]{7,15}$/.test(digits)) throw new InputError(field, `"${text}" is not a phone number with its country code (7 to 15 digits)`);
	return digits;
}
