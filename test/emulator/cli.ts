import { startEmulator } from './server';

/** `npm run emulator`: a Graph API on loopback, seeded, until Ctrl-C. */
async function main() {
	const port = Number(process.env.EMULATOR_PORT ?? 4545);
	const emulator = await startEmulator({
		port,
		log: process.env.EMULATOR_LOG !== '0',
		// EMULATOR_VALIDATE_SPEC=0: skip the check against Meta's OpenAPI spec (../shared/specs, outside the repository).
		validateAgainstSpec: process.env.EMULATOR_VALIDATE_SPEC !== '0',
		latencyMs: process.env.EMULATOR_LATENCY_MS ? (process.env.EMULATOR_LATENCY_MS.split('-').map(Number) as [number, number]) : undefined,
	});
	const { ids } = emulator;
	console.log(`Graph API emulator listening on ${emulator.url}`);
	console.log('Credential: Base URL', emulator.url, '| Graph API Version v25.0');
	console.log(JSON.stringify(ids, null, 2));
	const stop = async () => {
		await emulator.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
