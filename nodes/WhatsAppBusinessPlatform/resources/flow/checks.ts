import { InputError } from '../../shared/validation';

export { checkGraphId, checkRequired } from '../../shared/validation';

/** Meta calls Flow endpoints over HTTPS only. */
export function requireHttpsUrl(field: string, value: unknown): string {
	const text = String(value ?? '').trim();
	const url = URL.canParse(text) ? new URL(text) : undefined;
	if (!url) throw new InputError(field, `"${text}" is not a URL`);
	if (url.protocol !== 'https:') throw new InputError(field, `must start with https:// (Meta only calls HTTPS endpoints), got "${text}"`);
	return text;
}
