/** At most `limit` pieces of work per key at once; the rest wait their turn, first come first served. */
interface Lane {
	active: number;
	waiting: Array<() => void>;
}

const lanes = new Map<string, Lane>();

export async function withSlot<T>(key: string, limit: number, work: () => Promise<T>): Promise<T> {
	let lane = lanes.get(key);
	if (!lane) {
		lane = { active: 0, waiting: [] };
		lanes.set(key, lane);
	}
	if (lane.active >= limit) {
		// The slot is handed over by the one finishing, so `active` already counts this caller.
		await new Promise<void>((resolve) => lane.waiting.push(resolve));
	} else {
		lane.active++;
	}
	try {
		return await work();
	} finally {
		const next = lane.waiting.shift();
		if (next) {
			next();
		} else if (--lane.active === 0) {
			lanes.delete(key);
		}
	}
}
