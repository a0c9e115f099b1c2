/**
 * The emulator in a process of its own, for benchmarks: its work then does not count against the node's CPU or event
 * loop. The parent talks to it over IPC: `startEmulatorProcess()` forks this file; `reset()` and `figures()` ask it.
 * It stands in for Meta, whose CPU is not on this machine, so it skips the OpenAPI check of every body (about 0.8 ms
 * of CPU per message on the same two cores; the unit tests check the bodies): BENCH_SPEC=1 turns the check back on.
 */
import { fork, type ChildProcess } from 'node:child_process';

import { startEmulator, type GraphEmulator } from '../emulator/server';

export interface EmulatorFigures {
	accepted: number;
	duplicates: number;
	/** Answers 130429 (throughput) and all refused answers to sends. */
	throttled: number;
	rejected: number;
	/** Date.now() of the first send request to arrive, and of the first and last accepted. */
	firstRequestAt: number;
	firstAcceptedAt: number;
	lastAcceptedAt: number;
	peakInFlight: number;
	/** CPU the emulator's process used since the last reset. */
	cpuMs: number;
}

export interface EmulatorProcess {
	url: string;
	ids: GraphEmulator['ids'];
	reset(): Promise<void>;
	figures(): Promise<EmulatorFigures>;
	stop(): Promise<void>;
}

let cpuSince = process.cpuUsage();

function figuresOf(emulator: GraphEmulator): EmulatorFigures {
	const cpu = process.cpuUsage(cpuSince);
	const accepted = emulator.state.acceptedMessages;
	const sends = emulator.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/messages'));
	const rejected = sends.filter((request) => request.status !== 200);
	const keys = new Set(accepted.map((message) => `${message.to}|${JSON.stringify(message.body)}`));
	let firstRequestAt = Number.POSITIVE_INFINITY;
	for (const request of sends) firstRequestAt = Math.min(firstRequestAt, (request as { at?: number }).at ?? Number.POSITIVE_INFINITY);
	let firstAcceptedAt = Number.POSITIVE_INFINITY;
	let lastAcceptedAt = 0;
	for (const message of accepted) {
		firstAcceptedAt = Math.min(firstAcceptedAt, message.at);
		lastAcceptedAt = Math.max(lastAcceptedAt, message.at);
	}
	return {
		accepted: accepted.length,
		duplicates: accepted.length - keys.size,
		throttled: rejected.filter((request) => (request.responseBody as { error?: { code?: number } })?.error?.code === 130429).length,
		rejected: rejected.length,
		firstRequestAt: Number.isFinite(firstRequestAt) ? firstRequestAt : firstAcceptedAt,
		firstAcceptedAt,
		lastAcceptedAt,
		peakInFlight: emulator.peakInFlight,
		cpuMs: (cpu.user + cpu.system) / 1000,
	};
}

export async function startEmulatorProcess(options: { cap: number; latencyMs: [number, number] }): Promise<EmulatorProcess> {
	const child: ChildProcess = fork(__filename, ['--child', JSON.stringify(options)], { execArgv: ['-r', 'ts-node/register/transpile-only'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	let next = 0;
	const pending = new Map<number, (value: unknown) => void>();
	child.on('message', (message: { id: number; value: unknown }) => {
		pending.get(message.id)?.(message.value);
		pending.delete(message.id);
	});
	const ask = <T>(cmd: string) =>
		new Promise<T>((resolve) => {
			const id = next++;
			pending.set(id, resolve as (value: unknown) => void);
			child.send({ id, cmd });
		});
	const { url, ids } = await ask<{ url: string; ids: GraphEmulator['ids'] }>('hello');
	return {
		url,
		ids,
		reset: () => ask<void>('reset'),
		figures: () => ask<EmulatorFigures>('figures'),
		stop: async () => {
			await ask<void>('stop');
			child.disconnect();
		},
	};
}

async function child(options: { cap: number; latencyMs: [number, number] }) {
	const emulator = await startEmulator({
		latencyMs: options.latencyMs,
		validateAgainstSpec: process.env.BENCH_SPEC === '1' ? undefined : false,
		rateLimits: { messagesPerSecond: options.cap, pairBurst: 1_000_000 },
	});
	process.on('message', async (message: { id: number; cmd: string }) => {
		let value: unknown;
		if (message.cmd === 'hello') value = { url: emulator.url, ids: emulator.ids };
		if (message.cmd === 'reset') {
			emulator.limiter.reset();
			emulator.clearRequests();
			emulator.state.acceptedMessages.length = 0;
			emulator.peakInFlight = 0;
			cpuSince = process.cpuUsage();
		}
		if (message.cmd === 'figures') value = figuresOf(emulator);
		if (message.cmd === 'stop') await emulator.stop();
		process.send!({ id: message.id, value: value ?? null });
	});
}

if (process.argv[2] === '--child') void child(JSON.parse(process.argv[3]) as { cap: number; latencyMs: [number, number] });
