import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

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
];
