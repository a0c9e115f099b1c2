#!/usr/bin/env node
// Installs the dev dependencies when they are missing or older than the lock file,
// so that `npm test` alone works on a fresh clone. Install scripts stay off (.npmrc):
// n8n-workflow pulls isolated-vm, whose native build needs Node >= 22 and is not used here.
const { existsSync, statSync } = require('node:fs');
const { execSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const lock = path.join(root, 'package-lock.json');
const marker = path.join(root, 'node_modules', '.package-lock.json');

const stale =
	!existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);

if (stale) {
	console.log('Installing dev dependencies (first run)…');
	execSync(existsSync(lock) ? 'npm ci' : 'npm install', { cwd: root, stdio: 'inherit' });
}
