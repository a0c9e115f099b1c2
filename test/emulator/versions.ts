import { currentGraphVersions, graphVersionStatus } from '../../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import { GraphError } from './graphError';

/**
 * Meta's answer to a call on a version it no longer serves (code 2635, as Graph returns it for
 * expired versions), or on one it never released. Undefined when the version is served.
 * Dates come from Meta's changelog (nodes/…/shared/graphVersions.ts), judged on `today`.
 */
export function versionRefusal(version: string | undefined, path: string, today: Date, acceptExpired = false): GraphError | undefined {
	if (version === undefined) return undefined;
	const status = graphVersionStatus(version, today);
	const latest = currentGraphVersions(today).at(-1);
	if (status.kind === 'expired' && !acceptExpired) {
		return new GraphError(400, 2635, `(#2635) You are calling a deprecated version of the Ads API. Please upgrade to the latest version: ${latest}.`, { type: 'OAuthException' });
	}
	if (status.kind === 'newer' || status.kind === 'malformed' || (status.kind === 'current' && !currentGraphVersions(today).includes(version))) {
		return new GraphError(400, 2500, `Unknown path components: /${version}${path}`, { type: 'OAuthException' });
	}
	return undefined;
}
