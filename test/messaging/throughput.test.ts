import { Pacer } from '../../nodes/WhatsAppBusinessPlatform/resources/message/pacing/pacer';
import { livePacers } from '../../nodes/WhatsAppBusinessPlatform/resources/message/pacing/registry';
import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';
import { acceptedBodies, messageCalls, sendWith } from './helpers';
import { itemsIn } from './stopRecord';
import { DEFAULT_RATE_LIMITS, RateLimiter } from '../emulator/rateLimits';

const env = useEmulator({ rateLimits: { messagesPerSecond: 50 } });

beforeEach(() => {
	env.emulator.limiter.reset(); // the last test's sends must not count against this one's window
	env.emulator.clearRequests();
	env.emulator.state.acceptedMessages.length = 0;
	env.emulator.state.closedWindows.clear();
	env.emulator.limiter.config.pairBurst = 45;
	env.emulator.limiter.config.pairRefillMs = 6000;
});

/** n items, each to its own recipient (so pair limits stay out of the way). */
const recipients = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => ({ json: { phone: `+1 555 02${String(i + offset).padStart(5, '0')}`, n: i } }));
/** The send path; the query (appsecret_proof) follows it. */
const MESSAGES = /\/messages(\?|$)/;
const textTo = { messageType: 'text', textBody: '={{ "Hello " + $json.n }}', to: '={{ $json.phone }}' };

/** The most requests that hit the emulator in any one-second window. */
function busiestSecond(times: number[]): number {
	const sorted = [...times].sort((a, b) => a - b);
	let best = 0;
	for (let start = 0, end = 0; end < sorted.length; end++) {
		while (sorted[end] - sorted[start] >= 1000) start++;
		best = Math.max(best, end - start + 1);
	}
	return best;
}

describe('throughput governor', () => {
	it('stays under the per-second cap: 100 messages at 40/s (number allows 50/s) are paced and need (almost) no 130429 retry', async () => {
		const started = Date.now();
		const { items, error } = await sendWith(env, { ...textTo, messagesPerSecond: 40 }, { items: recipients(100) });
		const elapsed = Date.now() - started;
		expect(error).toBeUndefined();
		expect(items).toHaveLength(100);
		expect(items.map((item) => item.pairedItem)).toEqual(Array.from({ length: 100 }, (_, item) => ({ item })));
		const calls = messageCalls(env.emulator);
		// Unpaced, half would be refused. Paced, only arrival jitter (this emulator shares the test's busy
		// event loop, so requests released evenly can arrive bunched) may tip a few over (all at once, 50 of 100 would be refused).
		const throttled = calls.filter((call) => call.status !== 200);
		expect(throttled.length).toBeLessThanOrEqual(8);
		expect(calls).toHaveLength(100 + throttled.length);
		// 100 messages at 40/s cannot finish much faster than ~2.5 s: the pacer really spaces them.
		expect(elapsed).toBeGreaterThanOrEqual(2400);
		expect(env.emulator.peakInFlight).toBeLessThanOrEqual(40);
	});

	it('absorbs throughput rejections (130429) with retries, sending each message once', async () => {
		env.emulator.faults.add({ kind: 'graphError', method: 'POST', path: MESSAGES, times: 3, graphError: { code: 130429, message: '(#130429) Rate limit hit', headers: { 'retry-after': '0.05' } } });
		const { items, error } = await sendWith(env, textTo, { items: recipients(10) });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(10);
		expect(messageCalls(env.emulator).filter((call) => call.status === 400)).toHaveLength(3);
		const accepted = env.emulator.state.acceptedMessages.map((message) => message.to);
		expect(new Set(accepted).size).toBe(10);
		expect(accepted).toHaveLength(10);
	});

	it('backs off on the pair rate limit (131056) for that recipient only, and keeps one chat in order', async () => {
		env.emulator.limiter.config.pairBurst = 1;
		env.emulator.limiter.config.pairRefillMs = 400;
		const items = [
			{ json: { phone: '+1 555 030 0001', n: 'a1' } },
			{ json: { phone: '+1 555 030 0001', n: 'a2' } },
			{ json: { phone: '+1 555 030 0002', n: 'b1' } },
		];
		const { items: output, error } = await sendWith(env, textTo, { items });
		expect(error).toBeUndefined();
		expect(output).toHaveLength(3);
		const accepted = env.emulator.state.acceptedMessages;
		const order = accepted.map((message) => (message.body.text as { body: string }).body);
		// b1 is not held up behind a2's wait; a1 goes before a2.
		expect(order).toEqual(['Hello a1', 'Hello b1', 'Hello a2']);
		const pairRejections = messageCalls(env.emulator).filter((call) => (call.responseBody as { error?: { code?: number } })?.error?.code === 131056);
		expect(pairRejections).toHaveLength(1);
		expect(accepted[2].at - accepted[0].at).toBeGreaterThanOrEqual(900); // Meta's 4^0 = 1 s
	});

	it('absorbs the WABA limit (80008) like the others', async () => {
		env.emulator.faults.add({ kind: 'graphError', method: 'POST', path: MESSAGES, times: 1, graphError: { code: 80008, message: '(#80008) Too many calls', headers: { 'retry-after': '0.05' } } });
		const { items, error } = await sendWith(env, textTo, { items: recipients(2) });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(env.emulator.state.acceptedMessages).toHaveLength(2);
	});
});

describe('no duplicates, nothing hidden', () => {
	it('does not resend a message whose answer was lost after it was accepted; reports it with continueOnFail', async () => {
		env.emulator.faults.add({ kind: 'dropAfterHandling', method: 'POST', path: MESSAGES, times: 1 });
		const { items, error } = await sendWith(env, textTo, { items: recipients(1).concat(recipients(2, 50).slice(1)), continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(env.emulator.state.acceptedMessages).toHaveLength(2); // both accepted by "Meta"
		expect(messageCalls(env.emulator)).toHaveLength(2); // and neither sent twice
		const failed = items.find((item) => item.json.error)!;
		expect(failed.json.sent).toMatch(/^unknown/);
		expect(String(failed.json.description)).toMatch(/Not retried/);
		expect(items.filter((item) => item.json.messages)).toHaveLength(1);
	});

	it('does not retry a 5xx on a send', async () => {
		env.emulator.faults.add({ kind: 'serverError', status: 503, method: 'POST', path: MESSAGES, times: 1 });
		const { items } = await sendWith(env, textTo, { items: recipients(1), continueOnFail: true });
		expect(messageCalls(env.emulator)).toHaveLength(1);
		expect(items[0].json.sent).toMatch(/^unknown/);
	});

	it('without continueOnFail, a failure after sending began lists the accepted message IDs and what was not sent', async () => {
		const items = recipients(6);
		env.emulator.state.closedWindows.add('1555020' + '0003'.padStart(5, '0').slice(1)); // item 3's recipient: 131047
		const { error } = await sendWith(env, { ...textTo, messagesPerSecond: 1 }, { items });
		expect(error?.message).toMatch(/More than 24 hours since the customer last wrote \[code 131047\]/);
		const accepted = env.emulator.state.acceptedMessages;
		expect(accepted.length).toBeGreaterThan(0);
		for (const message of accepted) expect(error?.description).toContain(message.id);
		expect(error?.description).toMatch(/Item 3 was not accepted/);
		expect(error?.description).toMatch(/items were not sent \(items 4–5\)/);
		expect(accepted).toHaveLength(3);
	});

	it('after the first refused message, nothing more goes on the wire (the failure is checked after the pacer wait), and the counts are exact', async () => {
		const items = recipients(40);
		env.emulator.state.closedWindows.add('1555020' + '00005'.slice(1)); // item 5's recipient: 131047
		const { error } = await sendWith(env, { ...textTo, messagesPerSecond: 10 }, { items });
		expect(error?.message).toMatch(/\[code 131047\]/);
		expect(messageCalls(env.emulator)).toHaveLength(6);
		expect(env.emulator.state.acceptedMessages).toHaveLength(5);
		expect(error?.description).toMatch(/5 messages were accepted; 34 items were not sent \(items 6–39\)/);
		expect(livePacers()).toBe(0);
	});

	it('a refused connection (never made) is "not sent", not "may have been sent"', async () => {
		const unreachable = { ...env.credentials, baseUrl: 'http://127.0.0.1:9' };
		const run = (continueOnFail: boolean) =>
			runNode({
				parameters: { resource: 'message', operation: 'send', wabaId: byId(env.emulator.ids.wabaId), phoneNumberId: byId(env.emulator.ids.phoneNumberId), ...textTo, rateLimitHandling: { maxRetries: 0 } },
				credentials: unreachable,
				items: recipients(2),
				continueOnFail,
			});
		const continued = await run(true);
		expect(continued.items.map((item) => item.json.sent)).toEqual([false, false]);
		const stopped = await run(false);
		expect(stopped.error?.message).toMatch(/refused the connection|ECONNREFUSED/);
		expect(stopped.error?.description).toMatch(/Item 0 was not accepted/);
		expect(stopped.error?.description).not.toMatch(/may or may not/);
	});

	it('continueOnFail: a bad item gets its error, the others are sent, each paired with its input', async () => {
		const items = recipients(3);
		items[1].json.phone = 'not a number';
		const { items: output, error } = await sendWith(env, textTo, { items, continueOnFail: true });
		expect(error).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[1].json.error).toMatch(/Recipient Phone Number or User ID: "not a number" is not a phone number/);
		expect(output[1].json.sent).toBe(false);
		expect(output[0].json.messages).toBeDefined();
		expect(output[2].json.messages).toBeDefined();
		expect(acceptedBodies(env.emulator)).toHaveLength(2);
	});

	it('validates every item before the first request: a bad item 7 of 10 means nothing is sent', async () => {
		const items = recipients(10);
		items[7].json.phone = '12';
		const { error } = await sendWith(env, textTo, { items });
		expect(error?.message).toMatch(/Recipient Phone Number/);
		expect(error?.description).toMatch(/Item 7 is invalid, so nothing was sent/);
		expect(env.emulator.requests).toHaveLength(0);
	});
});

describe('pacer', () => {
	it('never releases more than the rate in any one-second window, even after the event loop was blocked', async () => {
		const pacer = new Pacer(100);
		const released: number[] = [];
		const takers = Array.from({ length: 150 }, async () => {
			await pacer.take();
			released.push(Date.now());
		});
		// Block the event loop for 300 ms while callers wait: afterwards they must not all go at once.
		await new Promise((resolve) => setTimeout(resolve, 50));
		const blockUntil = Date.now() + 300;
		while (Date.now() < blockUntil);
		await Promise.all(takers);
		expect(released).toHaveLength(150);
		expect(busiestSecond(released)).toBeLessThanOrEqual(100);
		expect(released[149] - released[0]).toBeGreaterThanOrEqual(1000);
	});

	it('slows down on 130429 (once per second) and probes back up to the configured rate', () => {
		let now = 0;
		const pacer = new Pacer(100, () => now);
		pacer.throttled();
		expect(pacer.currentRate).toBe(80);
		now = 500;
		pacer.throttled(); // the same overshoot
		expect(pacer.currentRate).toBe(80);
		now = 1200;
		pacer.throttled();
		expect(pacer.currentRate).toBe(64);
	});

	it('at the top tier, a trickle of 130429 (under 1 % of a second\'s sends: arrival jitter) is retried without slowing down; more is not', () => {
		let now = 0;
		const pacer = new Pacer(1000, () => now);
		for (let refusal = 0; refusal < 9; refusal++, now += 100) pacer.throttled();
		expect(pacer.currentRate).toBe(1000);
		now = 1000; // a new second: the count starts again
		for (let refusal = 0; refusal < 9; refusal++, now += 10) pacer.throttled();
		expect(pacer.currentRate).toBe(1000);
		pacer.throttled(); // the tenth within this second: 1 % of 1,000
		expect(pacer.currentRate).toBe(800);
		// Below 200/s every refusal counts.
		const slow = new Pacer(150, () => now);
		slow.throttled();
		expect(slow.currentRate).toBe(120);
	});

	it.each([40, 400])('two processes (two pacers that cannot see each other) sending from one number at cap %i settle on it through 130429 alone', async (CAP) => {
		const meta = new RateLimiter({ ...DEFAULT_RATE_LIMITS, messagesPerSecond: CAP, pairBurst: 1_000_000 });
		const started = Date.now();
		const log: Array<{ at: number; ok: boolean }> = [];
		const sender = async (pacer: Pacer, name: string) => {
			for (let n = 0; Date.now() - started < 8000; n++) {
				await pacer.take();
				try {
					meta.chargeMessage('number', `${name}-${n}`);
					log.push({ at: Date.now() - started, ok: true });
				} catch {
					log.push({ at: Date.now() - started, ok: false });
					pacer.throttled();
				}
			}
		};
		// Each believes it has the whole cap to itself: together they offer twice what Meta allows.
		await Promise.all([sender(new Pacer(CAP), 'a'), sender(new Pacer(CAP), 'b')]);
		const refusedIn = (from: number, to: number) => log.filter((entry) => !entry.ok && entry.at >= from && entry.at < to).length;
		const acceptedIn = (from: number, to: number) => log.filter((entry) => entry.ok && entry.at >= from && entry.at < to).length;
		// Without adapting, half of every second's offers would be refused (≈ the cap a second). After settling: few.
		expect(refusedIn(4000, 8000)).toBeLessThan(0.15 * acceptedIn(4000, 8000));
		// And together they still use most of the number's cap.
		expect(acceptedIn(4000, 8000) / 4).toBeGreaterThan(0.6 * CAP);
	}, 20_000);

	it('cancel() turns away the owner\'s waiting callers at once, without using a turn', async () => {
		const pacer = new Pacer(2);
		const mine = {};
		await pacer.take(mine); // uses the first turn
		const waiting = [pacer.take(mine), pacer.take(mine)];
		pacer.cancel(mine);
		expect(await Promise.all(waiting)).toEqual([false, false]);
		const started = Date.now();
		expect(await pacer.take()).toBe(true);
		expect(Date.now() - started).toBeLessThan(700); // the next turn, not three turns later
	});
});

describe('Stop', () => {
	/** Presses Stop `delayMs` after `requests` requests reached the emulator; `pressed.at` says when. */
	const stopAfterRequests = (requests: number, delayMs = 0) => {
		const pressed = { at: 0 };
		const onRunning = (stop: () => void) => {
			const poll = setInterval(() => {
				if (env.emulator.requests.length < requests) return;
				clearInterval(poll);
				setTimeout(() => {
					pressed.at = Date.now();
					stop();
				}, delayMs);
			}, 5);
		};
		return { pressed, onRunning };
	};
	/** Requests Meta did not turn away for throughput (those were not carried out, and are retried). */
	const carriedOut = () => messageCalls(env.emulator).filter((call) => (call.responseBody as { error?: { code?: number } })?.error?.code !== 130429);
	const sentAfter = async (ms: number) => {
		const before = env.emulator.requests.length;
		await new Promise((resolve) => setTimeout(resolve, ms));
		return env.emulator.requests.length - before;
	};

	it('sends nothing after Stop and keeps which items were accepted in the execution\'s custom data', async () => {
		const { pressed, onRunning } = stopAfterRequests(20);
		const { run } = await sendWith(env, { ...textTo, messagesPerSecond: 40 }, { items: recipients(400), onRunning });
		expect(Date.now() - pressed.at).toBeLessThan(3000); // the node returned soon after Stop, not after 10 s of pacing
		await new Promise((resolve) => setTimeout(resolve, 500)); // requests that left before Stop may still arrive
		const custom = run.data.resultData.metadata ?? {};
		const accepted = itemsIn(custom.WhatsApp_accepted_items);
		const uncertain = itemsIn(custom.WhatsApp_uncertain_items);
		const notSent = itemsIn(custom.WhatsApp_not_sent_items);
		expect(accepted.length + uncertain.length + notSent.length).toBe(400);
		expect(accepted.length + uncertain.length).toBeGreaterThanOrEqual(20); // some answers were still on their way
		expect(accepted.length).toBeGreaterThanOrEqual(10);
		expect(notSent.length).toBeGreaterThan(300);
		expect(custom.WhatsApp_stopped).toMatch(new RegExp(`^Stopped: ${accepted.length} of 400 accepted by WhatsApp, ${uncertain.length} may have been .* ${notSent.length} not sent`));
		// What reached "Meta": every accepted item, some of the uncertain ones, none of the not-sent ones.
		const reached = new Set(carriedOut().map((call) => Number(/Hello (\d+)/.exec(JSON.stringify(call.body))?.[1])));
		for (const item of accepted) expect(reached.has(item)).toBe(true);
		for (const item of notSent) expect(reached.has(item)).toBe(false);
		expect(livePacers()).toBe(0);
	});

	it('with On Error: Continue, does not pace through the remaining items after Stop, and labels none "may have been sent"', async () => {
		const { pressed, onRunning } = stopAfterRequests(5);
		const { items, run } = await sendWith(env, { ...textTo, messagesPerSecond: 20 }, { items: recipients(200), onRunning, continueOnFail: true });
		expect(Date.now() - pressed.at).toBeLessThan(3000); // not the 10 s that pacing through 200 items takes
		expect(items.filter((item) => item.json.sent !== undefined)).toEqual([]);
		await new Promise((resolve) => setTimeout(resolve, 500)); // requests that left before Stop may still arrive
		const notSent = itemsIn(run.data.resultData.metadata?.WhatsApp_not_sent_items);
		expect(notSent.length).toBeGreaterThan(100);
		// Not sent means not carried out: no attempt of it reached Meta, or Meta refused it for throughput.
		const reached = new Set(carriedOut().map((call) => Number(/Hello (\d+)/.exec(JSON.stringify(call.body))?.[1])));
		for (const item of notSent) expect(reached.has(item)).toBe(false);
	});

	it('ends a retry wait at once', async () => {
		env.emulator.faults.add({ kind: 'graphError', method: 'POST', path: MESSAGES, times: 1, graphError: { code: 130429, message: '(#130429) Rate limit hit', headers: { 'retry-after': '60' } } });
		const { pressed, onRunning } = stopAfterRequests(1, 150); // in the wait after the refused first attempt
		const { run } = await sendWith(env, textTo, { items: recipients(1), onRunning });
		expect(Date.now() - pressed.at).toBeLessThan(3000); // not 60 s
		expect(await sentAfter(300)).toBe(0);
		expect(env.emulator.state.acceptedMessages).toHaveLength(0);
		expect(run.data.resultData.metadata?.WhatsApp_stopped).toMatch(/^Stopped: 0 of 1 accepted by WhatsApp, 0 may have been .* 1 not sent/);
	});
});

describe('shared pacer', () => {
	it('executions sending from one number at the same time share its budget: no 130429, the cap holds', async () => {
		env.emulator.limiter.config.messagesPerSecond = 30;
		try {
			const runs = await Promise.all([0, 1, 2].map((n) => sendWith(env, { ...textTo, messagesPerSecond: 30 }, { items: recipients(30, n * 100) })));
			for (const { error, items } of runs) {
				expect(error).toBeUndefined();
				expect(items).toHaveLength(30);
			}
			// Three pacers of their own would offer 90/s to a 30/s number (dozens of 130429); one shared
			// pacer offers 30/s, and only arrival jitter on a busy machine may tip a few over.
			const throttled = messageCalls(env.emulator).filter((call) => call.status !== 200);
			expect(throttled.length).toBeLessThanOrEqual(8);
			expect(livePacers()).toBe(0);
		} finally {
			env.emulator.limiter.config.messagesPerSecond = 50;
		}
	});
});
