const fs = require('node:fs');
const path = require('node:path');
const { task, src, dest, parallel } = require('gulp');

// `npm run build` starts from an empty dist, so files of an earlier layout never reach the published tarball.
task('clean', async () => fs.rmSync('dist', { recursive: true, force: true }));

// n8n loads icons and codex files from beside the compiled node, so they are copied into dist.
function copyIcons() {
	return src('icons/*.svg').pipe(dest(path.join('dist', 'icons')));
}

function copyNodeStaticFiles() {
	return src(['nodes/**/*.json', 'nodes/**/*.svg', 'credentials/**/*.svg'], { base: '.' }).pipe(dest('dist'));
}

task('build', parallel(copyIcons, copyNodeStaticFiles));
