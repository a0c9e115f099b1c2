/**
 * Under jest.n8n1.config.js: proves every test file runs on the n8n-core / n8n-workflow it was meant to
 * (resolved through the same module mapping the node code uses), not on the 2.x devDependencies.
 */
const expected: Record<string, string | undefined> = {
	'n8n-core': process.env.N8N1_EXPECT_CORE,
	'n8n-workflow': process.env.N8N1_EXPECT_WORKFLOW,
};
for (const [name, version] of Object.entries(expected)) {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const actual = (require(`${name}/package.json`) as { version: string }).version;
	if (version && actual !== version) throw new Error(`this run expects ${name} ${version}, but ${actual} was loaded`);
}
