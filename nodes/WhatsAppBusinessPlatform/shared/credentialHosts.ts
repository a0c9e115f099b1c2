/**
 * Where the credential (Bearer token and appsecret_proof) may go: the Base URL's own host, and
 * the host Meta serves media files from (the `url` of GET /{media-id}), only over https. Plain
 * http is allowed only to a loopback Base URL, such as the emulator on 127.0.0.1.
 */
export const META_MEDIA_HOSTS = ['lookaside.fbsbx.com'];

function isLoopback(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function parse(address: string): URL | undefined {
	try {
		return new URL(address);
	} catch {
		return undefined;
	}
}

/** Answers for the addresses seen last (a send posts to a handful of URLs thousands of times); bounded. */
const answers = new Map<string, { problem: string | undefined }>();
const MAX_REMEMBERED = 256;

/** Why `target` may not receive the credential configured with `baseUrl`; undefined when it may. */
export function credentialTargetProblem(baseUrl: string, target: string): string | undefined {
	const key = `${baseUrl}\n${target}`;
	let answer = answers.get(key);
	if (!answer) {
		if (answers.size >= MAX_REMEMBERED) answers.clear();
		answers.set(key, (answer = { problem: targetProblem(baseUrl, target) }));
	}
	return answer.problem;
}

function targetProblem(baseUrl: string, target: string): string | undefined {
	const url = parse(target);
	if (!url) return `"${target}" is not a web address`;
	const base = parse(baseUrl);
	if (!base) return `the credential's Base URL "${baseUrl}" is not a web address`;
	const sameHost = url.host === base.host;
	const mediaHost = META_MEDIA_HOSTS.includes(url.hostname) && url.port === '';
	if (!sameHost && !mediaHost) {
		return `${url.host} is neither the Base URL's host (${base.host}) nor Meta's media host (${META_MEDIA_HOSTS.join(', ')})`;
	}
	if (url.protocol === 'https:') return undefined;
	if (url.protocol === 'http:' && sameHost && isLoopback(base.hostname)) return undefined;
	return `${url.protocol}//${url.host} is not https: the access token would travel unencrypted`;
}

/** What a user can do about a refused target. */
export function credentialTargetAdvice(problem: string): string {
	if (/is not https/.test(problem)) {
		return 'Use an https:// Base URL in the credential (only a loopback address such as http://127.0.0.1, e.g. the local emulator, may use plain http).';
	}
	return 'If you reach Meta through a proxy, the URLs it hands out must point to the proxy itself (the Base URL\'s host). Otherwise the address did not come from Meta: do not use it with this credential.';
}
