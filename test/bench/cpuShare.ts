/**
 * Where the node process's CPU goes during a bench case, from V8's sampling profiler (node:inspector, in-process).
 * Each sample's time goes to the innermost frame that belongs to a known owner: this package's code (nodes/,
 * credentials/); n8n (n8n-core, n8n-workflow, @n8n/*, the HTTP client under its request helper, and test/harness/,
 * which stands in for n8n's credential helper); the bench itself (test/bench/). Node's own JavaScript (node:*) and
 * built-ins (JSON, RegExp, crypto) count for the frame that called them, so `package` is what the package's code
 * costs including the work it asks of Node. Time no owner called (socket and timer callbacks from the event loop)
 * is `node`; `gc` is garbage collection.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

export type Owner = 'package' | 'n8n' | 'bench' | 'node' | 'gc' | 'other';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}

interface Profile {
	nodes: ProfileNode[];
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** The n8n request helper's HTTP stack: axios and what it pulls in, called only through n8n here. */
const N8N_HTTP = ['axios', 'proxy-from-env', 'qs', 'form-data', 'follow-redirects', 'side-channel', 'combined-stream'];

function ownerOfUrl(url: string): Owner | undefined {
	if (!url || url.startsWith('node:')) return undefined;
	const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
	if (module) {
		if (module.startsWith('@n8n/') || module.startsWith('n8n-') || N8N_HTTP.includes(module)) return 'n8n';
		return 'other';
	}
	if (/\/(nodes|credentials)\//.test(url)) return 'package';
	// The harness stands in for n8n's own credential helper and execution data.
	if (/\/test\/harness\//.test(url)) return 'n8n';
	if (/\/test\//.test(url)) return 'bench';
	return 'other';
}

/** Milliseconds of sampled time per owner, up to `untilUs` (the profiler's clock, microseconds). */
export function cpuByOwner(profile: Profile, untilUs = Number.POSITIVE_INFINITY): Record<Owner, number> {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const ownerOfNode = new Map<number, Owner | 'idle'>();
	const resolve = (id: number): Owner | 'idle' => {
		const known = ownerOfNode.get(id);
		if (known) return known;
		const { functionName, url } = byId.get(id)!.callFrame;
		let owner: Owner | 'idle' | undefined;
		if (functionName === '(idle)') owner = 'idle';
		else if (functionName === '(garbage collector)') owner = 'gc';
		else if (functionName === '(program)' || functionName === '(root)') owner = 'node';
		else owner = ownerOfUrl(url);
		if (owner === undefined) owner = parent.has(id) ? resolve(parent.get(id)!) : 'node';
		ownerOfNode.set(id, owner);
		return owner;
	};
	const totals: Record<Owner, number> = { package: 0, n8n: 0, bench: 0, node: 0, gc: 0, other: 0 };
	let at = profile.startTime;
	for (let index = 0; index < profile.samples.length; index++) {
		at += profile.timeDeltas[index] ?? 0;
		if (at > untilUs) break;
		// The first sample's time runs from the profiler's start, which the bench's own call to start it fills.
		if (index === 0) continue;
		const owner = resolve(profile.samples[index]);
		if (owner !== 'idle') totals[owner] += (profile.timeDeltas[index] ?? 0) / 1000;
	}
	return totals;
}

/**
 * Starts sampling (every `intervalUs`); `stop()` gives each owner's share of the sampled busy time (0–1). Shares, not
 * sampled milliseconds: on a loaded machine a sample also counts time the thread waited for a core. `saveTo` keeps the
 * profile (a .cpuprofile file for Chrome's DevTools). Sampling wakes the process up: every 10 ms costs about 5 ms of CPU
 * per second on a loaded 2-core machine (0.06 ms per message at 80/s), every 1 ms about 30 ms per second.
 */
export async function startCpuProfile(intervalUs = 10_000, saveTo?: string): Promise<{ stop(): Promise<Record<Owner, number>> }> {
	const session = new Session();
	session.connect();
	const post = <T = unknown>(method: string, params?: object) =>
		new Promise<T>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));
	await post('Profiler.enable');
	await post('Profiler.setSamplingInterval', { interval: intervalUs });
	await post('Profiler.start');
	return {
		async stop() {
			// The profiler's clock is the monotonic one hrtime reads; samples taken while stopping are left out.
			const untilUs = Number(process.hrtime.bigint() / 1000n);
			const { profile } = await post<{ profile: Profile }>('Profiler.stop');
			await post('Profiler.disable');
			session.disconnect();
			if (saveTo) writeFileSync(saveTo, JSON.stringify(profile));
			const byOwner = cpuByOwner(profile, untilUs);
			const busy = Object.values(byOwner).reduce((sum, ms) => sum + ms, 0) || 1;
			for (const owner of Object.keys(byOwner) as Owner[]) byOwner[owner] /= busy;
			return byOwner;
		},
	};
}
