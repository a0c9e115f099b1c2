/**
 * Graph API versions and when Meta retires them (developers.facebook.com/docs/graph-api/changelog/versions).
 * A version stops working on its expiry date; Meta then refuses calls to it.
 */
export const DEFAULT_GRAPH_VERSION = 'v25.0';

/** Release and expiry (first day it no longer works) of each version still in recent memory; undefined = not announced. */
export const GRAPH_VERSIONS: Record<string, { released: string; expires?: string }> = {
	'v26.0': { released: '2026-07-29' },
	'v25.0': { released: '2026-02-18', expires: '2028-07-29' },
	'v24.0': { released: '2025-10-08', expires: '2028-02-18' },
	'v23.0': { released: '2025-05-29', expires: '2027-10-08' },
	'v22.0': { released: '2025-01-21', expires: '2027-05-20' },
	'v21.0': { released: '2024-10-02', expires: '2027-01-21' },
	'v20.0': { released: '2024-05-21', expires: '2026-09-24' },
	'v19.0': { released: '2024-01-23', expires: '2026-05-21' },
	'v18.0': { released: '2023-09-12', expires: '2026-01-26' },
	'v17.0': { released: '2023-05-23', expires: '2025-09-12' },
};

const VERSION_FORMAT = /^v(\d+)\.(\d+)$/;
const OLDEST_LISTED = 17;

export type VersionStatus = { kind: 'current' } | { kind: 'newer' } | { kind: 'expired'; since?: string } | { kind: 'malformed' };

/** What Meta does with `version` on `today`: serve it, or refuse it as expired; `newer` = released after this table. */
export function graphVersionStatus(version: string, today: Date = new Date()): VersionStatus {
	const match = VERSION_FORMAT.exec(version);
	if (!match) return { kind: 'malformed' };
	const known = GRAPH_VERSIONS[version];
	if (known) {
		if (known.expires && today.toISOString().slice(0, 10) >= known.expires) return { kind: 'expired', since: known.expires };
		return { kind: 'current' };
	}
	// Every version before the oldest listed one expired long ago; minor versions other than .0 were never released.
	return Number(match[1]) < OLDEST_LISTED ? { kind: 'expired' } : { kind: 'newer' };
}

/** Versions Meta serves on `today`, oldest first. */
export function currentGraphVersions(today: Date = new Date()): string[] {
	return Object.keys(GRAPH_VERSIONS)
		.filter((version) => graphVersionStatus(version, today).kind === 'current' && GRAPH_VERSIONS[version].released <= today.toISOString().slice(0, 10))
		.sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
}

/**
 * Why the credential's version cannot work, in words a user can act on; undefined when it can.
 * Versions newer than this package knows pass: Meta may have released them since.
 */
export function graphVersionProblem(version: string, today: Date = new Date()): string | undefined {
	const status = graphVersionStatus(version, today);
	if (status.kind === 'malformed') {
		return `"${version}" is not a Graph API version. Set "Graph API Version" in the WhatsApp Business Platform API credential to a version such as ${DEFAULT_GRAPH_VERSION}.`;
	}
	if (status.kind === 'expired') {
		const since = status.since ? ` on ${status.since}` : '';
		return `Graph API ${version} expired${since} and Meta refuses calls to it. Set "Graph API Version" in the WhatsApp Business Platform API credential to ${DEFAULT_GRAPH_VERSION} (or another current version: ${currentGraphVersions(today).join(', ')}).`;
	}
	return undefined;
}
