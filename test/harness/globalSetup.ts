import { noteSpecMissing, specAvailable } from '../emulator/specValidator';

/** Runs once before all test files; the variable it sets reaches every worker, so the note is printed once. */
export default function globalSetup(): void {
	if (!specAvailable()) noteSpecMissing((line) => process.stdout.write(`${line}\n`));
}
