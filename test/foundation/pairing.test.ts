import { runNode } from '../harness/runNode';
import { useEmulator } from '../helpers';

const env = useEmulator({ maxPageSize: 1 });

describe('every output item is paired with the input item it came from', () => {
	it('a list operation with On Error: Continue: elements and error items alike', async () => {
		const { emulator, credentials } = env;
		const { items, error } = await runNode({
			parameters: { resource: 'account', operation: 'getAll', businessId: '={{ $json.business }}', ownership: 'owned', returnAll: true, fields: 'id,name' },
			items: [{ json: { business: emulator.ids.businessId } }, { json: { business: '999999999' } }, { json: { business: emulator.ids.businessId } }],
			continueOnFail: true,
			credentials,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.pairedItem, item.json.name ?? (item.error ? 'error' : item.json.error)])).toEqual([
			[{ item: 0 }, 'Acme Support'],
			[{ item: 0 }, 'Acme Marketing'],
			[{ item: 1 }, 'error'],
			[{ item: 2 }, 'Acme Support'],
			[{ item: 2 }, 'Acme Marketing'],
		]);
	});

	it('a list operation whose input check fails for one item (On Error: Continue): the error item is paired', async () => {
		const { emulator, credentials } = env;
		const DAY = 86_400;
		const today = Math.floor(Date.now() / 1000 / DAY) * DAY;
		const iso = (unix: number) => new Date(unix * 1000).toISOString();
		const { items, error } = await runNode({
			parameters: {
				resource: 'account',
				operation: 'getAnalytics',
				wabaId: { __rl: true, mode: 'id', value: emulator.ids.wabaId },
				analyticsType: 'messaging',
				startDate: '={{ $json.start }}',
				endDate: iso(today),
				granularity: 'DAY',
			},
			items: [{ json: { start: iso(today - 2 * DAY) } }, { json: { start: iso(today + 5 * DAY) } }],
			continueOnFail: true,
			credentials,
		});
		expect(error).toBeUndefined();
		const errors = items.filter((item) => item.error !== undefined || item.json.error !== undefined);
		expect(errors).toHaveLength(1);
		expect(errors[0].pairedItem).toEqual({ item: 1 });
		expect(items.length).toBeGreaterThan(2);
		expect(items.filter((item) => item !== errors[0]).every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});
});
