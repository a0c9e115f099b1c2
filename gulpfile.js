const path = require('node:path');
const { task, src, dest, parallel } = require('gulp');

// n8n loads icons and codex files from beside the compiled node, so they are copied into dist.
function copyIcons() {
	return src('icons/*.svg').pipe(dest(path.join('dist', 'icons')));
}

function copyNodeStaticFiles() {
	return src(['nodes/**/*.json', 'nodes/**/*.svg', 'credentials/**/*.svg'], { base: '.' }).pipe(dest('dist'));
}

task('build', parallel(copyIcons, copyNodeStaticFiles));
