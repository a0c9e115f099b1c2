/**
 * Outside jest, `require('…/X.node')` resolves to the codex file `X.node.json` (Node tries .json
 * before ts-node's .ts). Load each node's .ts module and file it under the .json path, so the
 * harness gets the node classes as it does under jest.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const NODES = path.resolve(__dirname, '../../nodes');
for (const name of readdirSync(NODES)) {
	const base = path.join(NODES, name, `${name}.node`);
	if (!existsSync(`${base}.ts`)) continue;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require(`${base}.ts`);
	const tsModule = require.cache[require.resolve(`${base}.ts`)];
	if (tsModule) require.cache[`${base}.json`] = tsModule;
}
