/** Item indexes from "0–4, 7" (as the node's Stop record writes them in custom data); [] for "none" or nothing. */
export function itemsIn(ranges: string | undefined): number[] {
	if (!ranges || ranges === 'none') return [];
	return ranges.split(', ').flatMap((part) => {
		const [from, to = from] = part.split('–').map(Number);
		return Array.from({ length: to - from + 1 }, (_, i) => from + i);
	});
}
