import { TestCredentialsHelper } from '../harness/credentialsHelper';
import { useEmulator } from '../helpers';
import { sendWith } from './helpers';

const env = useEmulator();

/** Sends `count` texts to distinct recipients and returns how often the node read its credential. */
async function credentialReadsFor(count: number): Promise<number> {
	const reads = jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted');
	try {
		const items = Array.from({ length: count }, (_, n) => ({ json: { to: `1555${3_100_000 + n}` } }));
		const run = await sendWith(env, { to: '={{ $json.to }}', messageType: 'text', textBody: 'Hello' }, { items });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(count);
		return reads.mock.calls.length;
	} finally {
		reads.mockRestore();
	}
}

// In n8n every credential read is a database query; a queue-mode worker has two Postgres connections by default, and
// reading per message made thousands of sends wait for the pool until they failed.
it('a send reads its credential a fixed number of times, not once or twice per message', async () => {
	const few = await credentialReadsFor(3);
	const many = await credentialReadsFor(60);
	expect(many).toBe(few);
	expect(few).toBeLessThanOrEqual(2);
});
