import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

import scanner from './scripts/scanner.js';

// The scanner's eslint-plugin-n8n-nodes-base rules (node descriptions, credentials, package.json), taken from the
// scanner `npm run scan` installs, so a violation shows here and not only at scan time.
const scannerRules = await scanner.scannerLintConfig();
if (!scannerRules) console.warn("lint: n8n's package scanner is not installed, so its eslint-plugin-n8n-nodes-base rules did not run (`npm run scan` installs it).");

// n8n's community-node rules, cloud rules included (no restricted globals or imports in shipped code).
export default [
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'test/**', 'scripts/**', '*.js', '*.mjs'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { project: './tsconfig.json' } },
	},
	// The package.json rules (author e-mail, peer dependencies, keywords, n8n section) walk a TypeScript-ESTree
	// object literal, which typescript-eslint's parser makes of a JSON file, as n8n's scanner does. A JSON parser
	// (jsonc-eslint-parser) gives them nodes they do not read, so they would pass anything.
	{ files: ['package.json'], languageOptions: { parser: tseslint.parser } },
	{ ...n8nCommunityNodesPlugin.configs.recommended, files: ['**/*.ts', 'package.json'] },
	...(scannerRules ?? []),
];
