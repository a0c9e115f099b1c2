// Installs a pinned Node and n8n into the runtime cache once; later calls return at once. Two lines of n8n:
// 2.x (Node 24, the default) and 1.x (Node 22), chosen with N8N_RUNTIME_LINE=1, each in its own folder.
// CLI: node scripts/n8n/runtime.js            (2.x)
//      N8N_RUNTIME_LINE=1 node scripts/n8n/runtime.js   (1.x)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const RUNTIME_DIR_2 = process.env.N8N_RUNTIME_DIR ? path.resolve(process.env.N8N_RUNTIME_DIR) : path.join(ROOT, '.cache', 'runtime');
const LINES = {
	// 2.41.3 (latest) cannot be installed from the registry reachable here: its n8n-core@2.41.2, n8n-editor-ui@2.41.1,
	// @n8n/agents@0.26.2 and @n8n/ai-node-sdk@0.31.2 are missing. 2.41.1 resolves fully and matches the n8n-core devDependency.
	2: { node: '24.21.0', n8n: process.env.N8N_RUNTIME_VERSION || '2.41.1', dir: RUNTIME_DIR_2, sizeMb: 2800 },
	// 1.123.81 is the newest 1.x the registry resolves. Its default expression engine (isolated-vm) has no build for
	// Node 20, hence Node 22; n8n-nodes-base 1.x takes xlsx from a CDN outside the registry, hence the override.
	1: {
		node: '22.23.3',
		n8n: process.env.N8N1_RUNTIME_VERSION || '1.123.81',
		dir: process.env.N8N1_RUNTIME_DIR ? path.resolve(process.env.N8N1_RUNTIME_DIR) : path.join(path.dirname(RUNTIME_DIR_2), 'runtime-n8n1'),
		overrides: { xlsx: '0.18.5' },
		sizeMb: 1950,
	},
};
const LINE = process.env.N8N_RUNTIME_LINE === '1' ? 1 : 2;
const { node: NODE_VERSION, n8n: N8N_VERSION, dir: RUNTIME_DIR } = LINES[LINE];
const STAMP = path.join(RUNTIME_DIR, 'stamp.json');
const LOCK = path.join(RUNTIME_DIR, '.lock');
const INSTALL_LOG = path.join(RUNTIME_DIR, 'install.log');

const paths = {
	// The real file, not node_modules/.bin/node: npm links bins before the binary exists when scripts are off.
	nodeBin: path.join(RUNTIME_DIR, 'node', 'node_modules', 'node', 'bin', 'node'),
	n8nBin: path.join(RUNTIME_DIR, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'),
	n8nDir: path.join(RUNTIME_DIR, 'n8n', 'node_modules'),
	nodeVersion: NODE_VERSION,
	n8nVersion: N8N_VERSION,
	/** The major version of n8n (1 or 2): where the REST API differs (scripts/n8n/instance.js) it branches on this. */
	line: LINE,
};

const wanted = { node: NODE_VERSION, n8n: N8N_VERSION };

function isReady() {
	try {
		const stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
		return stamp.node === wanted.node && stamp.n8n === wanted.n8n && fs.existsSync(paths.nodeBin) && fs.existsSync(paths.n8nBin);
	} catch {
		return false;
	}
}

// Under `npm run`, npm exports the repo's config (ignore-scripts=true, local_prefix=/work/main) and lifecycle
// variables: keep those out of our npm calls; keep the rest (cache, registry, cafile) so callers can steer npm.
function cleanEnv() {
	const env = {};
	const drop = /^(npm_lifecycle_|npm_package_|npm_config_(ignore_scripts|allow_scripts|local_prefix)$)/i;
	for (const [k, v] of Object.entries(process.env)) if (!drop.test(k) && k !== 'INIT_CWD') env[k] = v;
	// node-gyp must build against the local headers instead of downloading them.
	if (!env.npm_config_nodedir && fs.existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
	return env;
}

function run(cmd, args, cwd) {
	return new Promise((resolve, reject) => {
		const out = fs.openSync(INSTALL_LOG, 'a');
		fs.writeSync(out, `\n$ (cd ${cwd} && ${cmd} ${args.join(' ')})\n`);
		const child = spawn(cmd, args, { cwd, env: cleanEnv(), stdio: ['ignore', out, out] });
		child.on('error', reject);
		child.on('close', (code) => {
			fs.closeSync(out);
			if (code === 0) return resolve();
			const tail = fs.readFileSync(INSTALL_LOG, 'utf8').split('\n').slice(-25).join('\n');
			reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code}) in ${cwd}; see ${INSTALL_LOG}\n${tail}`));
		});
	});
}

function freshFolder(dir, extra = {}) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	// An own package.json makes npm treat this folder as the project (and not read the repo's .npmrc).
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: path.basename(dir) + '-runtime', private: true, ...extra }, null, 2));
}

// npm prints nothing for minutes while it installs n8n. With --loglevel=http it logs each package it looks up in the
// registry while it works out what to install; then it logs the package files it fetched in one burst and spends
// minutes unpacking them, logging nothing: the size of node_modules tells how far that got.
function npmProgress(logOffset, installDir) {
	let text = '';
	try {
		const fd = fs.openSync(INSTALL_LOG, 'r');
		const size = fs.fstatSync(fd).size;
		const buf = Buffer.alloc(Math.max(0, size - logOffset));
		fs.readSync(fd, buf, 0, buf.length, logOffset);
		fs.closeSync(fd);
		text = buf.toString('utf8');
	} catch {
		return '';
	}
	const lookedUp = (text.match(/^npm http fetch GET \d+ \S+ /gm) || []).filter((l) => !l.includes('/-/')).length;
	const fetched = new Set((text.match(/^npm http (?:fetch GET \d+|cache) \S+\.tgz /gm) || []).map((l) => l.match(/https?:\/\/\S+\.tgz/)[0])).size;
	if (!fetched) return lookedUp ? `working out what to install: ${lookedUp} packages looked up in the registry so far` : 'npm is starting';
	const du = spawnSync('du', ['-sm', path.join(installDir, 'node_modules')], { encoding: 'utf8' });
	const written = du.status === 0 ? `${du.stdout.split('\t')[0]} MB written so far (n8n ${N8N_VERSION} takes about ${LINES[LINE].sizeMb.toLocaleString('en')} MB)` : 'writing files';
	return `${fetched} packages fetched, unpacking them: ${written}`;
}

async function step(log, label, fn, { progress } = {}) {
	const t0 = Date.now();
	const secs = () => ((Date.now() - t0) / 1000).toFixed(0);
	log(`[n8n-runtime] ${label}…`);
	const logOffset = fs.existsSync(INSTALL_LOG) ? fs.statSync(INSTALL_LOG).size : 0;
	// npm is silent for minutes here; say that it is still alive, and how far it got when we can tell.
	const beat = setInterval(() => {
		const detail = progress ? progress(logOffset) : '';
		log(`[n8n-runtime]   … ${label}: ${secs()} s${detail ? `: ${detail}` : ', still working'}`);
	}, 30000);
	try {
		await fn();
	} finally {
		clearInterval(beat);
	}
	log(`[n8n-runtime] ${label}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function acquireLock(log) {
	const deadline = Date.now() + 20 * 60 * 1000;
	for (;;) {
		try {
			fs.mkdirSync(LOCK);
			return () => fs.rmSync(LOCK, { recursive: true, force: true });
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			// A lock older than 20 minutes belongs to a process that died mid-install.
			if (Date.now() - fs.statSync(LOCK).mtimeMs > 20 * 60 * 1000) fs.rmSync(LOCK, { recursive: true, force: true });
			else if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`);
			else {
				log('[n8n-runtime] another process is installing; waiting…');
				await new Promise((r) => setTimeout(r, 5000));
			}
		}
	}
}

async function ensureRuntime({ log = console.log } = {}) {
	if (isReady()) return paths;
	fs.mkdirSync(RUNTIME_DIR, { recursive: true });
	const release = await acquireLock(log);
	try {
		if (isReady()) return paths;
		const t0 = Date.now();
		fs.rmSync(STAMP, { force: true });
		log(`[n8n-runtime] installing Node ${NODE_VERSION} and n8n ${N8N_VERSION} into ${RUNTIME_DIR} (npm output: ${INSTALL_LOG})`);

		const nodeDir = path.join(RUNTIME_DIR, 'node');
		await step(log, `npm install node@${NODE_VERSION}`, async () => {
			freshFolder(nodeDir);
			await run('npm', ['install', `node@${NODE_VERSION}`, '--save-exact', '--ignore-scripts', '--no-audit', '--no-fund'], nodeDir);
			// The `node` package's preinstall fetches node-<platform>-<arch> from the registry and hard-links its binary
			// to node/bin/node. Run it ourselves so the install does not depend on npm's script policy.
			await run(process.execPath, ['installArchSpecificPackage'], path.join(nodeDir, 'node_modules', 'node'));
			await run(paths.nodeBin, ['--version'], nodeDir);
		});

		const n8nDir = path.join(RUNTIME_DIR, 'n8n');
		await step(log, `npm install n8n@${N8N_VERSION} --ignore-scripts (5-8 min when cold)`, async () => {
			freshFolder(n8nDir, LINES[LINE].overrides ? { overrides: LINES[LINE].overrides } : {});
			// ~2,200 packages: one registry idle timeout should not fail a CI run, so try up to three times.
			for (let attempt = 1; ; attempt++) {
				try {
					await run('npm', ['install', `n8n@${N8N_VERSION}`, '--save-exact', '--ignore-scripts', '--no-audit', '--no-fund', '--fetch-retries=5', '--loglevel=http'], n8nDir);
					break;
				} catch (error) {
					if (attempt === 3) throw error;
					log(`[n8n-runtime] npm install failed (${error.message.split('\n')[0]}); retrying (${attempt + 1}/3)`);
				}
			}
		}, { progress: (logOffset) => npmProgress(logOffset, n8nDir) });

		// sqlite3 is N-API: building it with the machine's Node 20 headers gives a binding Node 22/24 loads.
		await step(log, 'npm rebuild sqlite3 from source (~1.5 min)', async () => {
			await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--build-from-source'], n8nDir);
			await run(paths.nodeBin, ['-e', "require('sqlite3')"], n8nDir);
		});

		fs.writeFileSync(STAMP, JSON.stringify({ ...wanted, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - t0) / 1000) }, null, 2));
		log(`[n8n-runtime] ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
		return paths;
	} finally {
		release();
	}
}

module.exports = { ensureRuntime, cleanEnv, runtimePaths: paths, NODE_VERSION, N8N_VERSION, LINE };

if (require.main === module) {
	ensureRuntime()
		.then((p) => {
			console.log(JSON.stringify(p, null, 2));
			const { installedAt, seconds } = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
			// Last, so a log's tail says which runtime is ready.
			console.log(`[n8n-runtime] n8n ${p.n8nVersion} on Node ${p.nodeVersion} ready in ${RUNTIME_DIR} (installed ${installedAt} in ${seconds} s)`);
		})
		.catch((e) => {
			console.error(e.message);
			process.exit(1);
		});
}
