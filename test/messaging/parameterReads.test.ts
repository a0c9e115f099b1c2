import { useEmulator } from '../helpers';
import { sendWith } from './helpers';

const env = useEmulator();

beforeEach(() => {
	env.emulator.state.acceptedMessages.length = 0;
});

const texts = () => env.emulator.state.acceptedMessages.map((message) => (message.body.text as { body: string }).body);

/**
 * Parameter reads take shortcuts for bulk sends (parameterReads.ts); what reaches Meta must be exactly what n8n's own
 * evaluation gives, for the shortcut forms and for the forms left to n8n.
 */
describe('per-item parameter reads', () => {
	const items = [
		{ json: { phone: '+1 555 040 0001', s: 'plain', n: 7, b: true, o: { p: 'nested' }, f: 1.5 } },
		{ json: { phone: '+1 555 040 0002', s: 'two', n: 0, b: false, o: { p: 'deep' }, f: -2 } },
	];

	it.each([
		['={{ $json.s }}', ['plain', 'two']],
		['=Order {{ $json.n }}: {{ $json.s }} / {{ $json.b }} / {{ $json.f }}', ['Order 7: plain / true / 1.5', 'Order 0: two / false / -2']],
		['={{ $json.o.p }}!', ['nested!', 'deep!']],
		['={{ $json.n }}', ['7', '0']], // a number: left to n8n, which turns it into text for a text field
		['={{ $json["s"] + "?" }}', ['plain?', 'two?']], // not a plain path: n8n evaluates it
		['={{ $json.s.toUpperCase() }}', ['PLAIN', 'TWO']],
		['no expression at all', ['no expression at all', 'no expression at all']],
	])('%s', async (textBody, expected) => {
		const { error } = await sendWith(env, { messageType: 'text', textBody, to: '={{ $json.phone }}' }, { items });
		expect(error).toBeUndefined();
		expect(texts()).toEqual(expected);
		expect(env.emulator.state.acceptedMessages.map((message) => message.to)).toEqual(['15550400001', '15550400002']);
	});

	it('a missing field is n8n\'s to report, as before', async () => {
		const { error } = await sendWith(env, { messageType: 'text', textBody: '={{ $json.missing }}', to: '={{ $json.phone }}' }, { items });
		expect(error?.message).toMatch(/Text/);
		expect(env.emulator.state.acceptedMessages).toHaveLength(0);
	});
});
