import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';
import { MAX_IN_FLIGHT_PER_NODE } from '../../nodes/WhatsAppBusinessPlatform/shared/constants';

const env = useEmulator();

describe('a bounded number of requests in flight, for every operation', () => {
	it('60 items of a management operation never have more than the bound on the wire at once, and all get answered in order', async () => {
		const { emulator, credentials } = env;
		emulator.faults.add({ kind: 'slow', path: `/${emulator.ids.wabaId}`, delayMs: 40, times: Number.POSITIVE_INFINITY });
		emulator.peakInFlight = 0;
		const { items, error } = await runNode({
			parameters: { resource: 'account', operation: 'get', wabaId: byId(emulator.ids.wabaId), fields: ['id', 'name'] },
			items: Array.from({ length: 60 }, (_, index) => ({ json: { index } })),
			credentials,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(60);
		expect(items.map((item) => item.pairedItem)).toEqual(Array.from({ length: 60 }, (_, item) => ({ item })));
		expect(emulator.calls('GET', `/${emulator.ids.wabaId}`)).toHaveLength(60);
		expect(emulator.peakInFlight).toBeLessThanOrEqual(MAX_IN_FLIGHT_PER_NODE);
		expect(emulator.peakInFlight).toBeGreaterThan(1);
	});
});
