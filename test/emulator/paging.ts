/** Graph-style cursor pages over an in-memory list. Cursors are opaque base64 of the offset. */
const encode = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64');
const decode = (cursor: string) => Number(Buffer.from(cursor, 'base64').toString().replace('offset:', '')) || 0;

export function paginate<T>(list: T[], query: Record<string, string>, selfUrl: string, defaultLimit = 25, maxLimit = 100) {
	const limit = Math.max(1, Math.min(maxLimit, Number(query.limit ?? defaultLimit) || defaultLimit));
	const start = query.after ? decode(query.after) : 0;
	const data = list.slice(start, start + limit);
	const end = start + data.length;
	const paging: Record<string, unknown> = { cursors: { before: encode(start), after: encode(Math.max(start, end - 1) + 1) } };
	if (end < list.length) {
		const next = new URL(selfUrl);
		next.searchParams.set('after', encode(end));
		next.searchParams.set('limit', String(limit));
		paging.next = next.toString();
		(paging.cursors as Record<string, string>).after = encode(end);
	}
	return { data, paging };
}
