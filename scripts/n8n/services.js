// Postgres and Redis for n8n's queue mode: Debian's `postgresql` and `redis-server`, installed with apt-get when missing
// (as root, as in CI), then started for one run in their own temp folders on free loopback ports and stopped after it.
// Nothing here touches a system-wide Postgres cluster or Redis: no service files, no default ports, no default data.
// CLI: node scripts/n8n/services.js install   (what `npm run test:e2e:queue` runs first)
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const path = require('node:path');
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const { freePort } = require('./process');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Postgres's server binaries (initdb, postgres, pg_isready), newest major version first; undefined when not installed. */
function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	const majors = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => b - a) : [];
	const found = majors.map((v) => path.join(base, v, 'bin')).find((dir) => fs.existsSync(path.join(dir, 'initdb')));
	return found;
}

function redisBin() {
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => fs.existsSync(p));
}

function missingPackages() {
	const missing = [];
	if (!postgresBinDir()) missing.push('postgresql');
	if (!redisBin()) missing.push('redis-server');
	return missing;
}

/** Installs Debian's postgresql and redis-server if either is missing. Only as root (CI); otherwise says what to run. */
function ensureServicePackages({ log = console.log } = {}) {
	const missing = missingPackages();
	if (missing.length === 0) return;
	if (!isRoot()) {
		throw new Error(`Queue mode needs Postgres and Redis; install them once with: sudo apt-get install -y ${missing.join(' ')}`);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const apt = (args) => {
		log(`[services] apt-get ${args.join(' ')}`);
		const res = spawnSync('apt-get', args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
		if (res.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${res.status})`);
	};
	apt(['update', '-q']);
	apt(['install', '-y', '-q', '--no-install-recommends', ...missing]);
	const still = missingPackages();
	if (still.length) throw new Error(`apt-get installed ${missing.join(', ')} but ${still.join(', ')} is still not found`);
}

/** initdb refuses to run as root: as root, Postgres runs as Debian's `postgres` user. */
function postgresUser() {
	if (!isRoot()) return {};
	const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
	return { uid, gid };
}

function waitExit(child, timeoutMs) {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(false), timeoutMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
}

function tail(file, lines = 20) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

async function startPostgres({ dir, log }) {
	const bin = postgresBinDir();
	if (!bin) throw new Error('Postgres is not installed: run `node scripts/n8n/services.js install` (or `npm run test:e2e:queue`).');
	const user = postgresUser();
	const data = path.join(dir, 'data');
	fs.mkdirSync(data, { recursive: true, mode: 0o700 });
	if (user.uid !== undefined) {
		fs.chownSync(dir, user.uid, user.gid);
		fs.chownSync(data, user.uid, user.gid);
	}
	const logFile = path.join(dir, 'postgres.log');
	const env = { ...process.env, HOME: dir, LC_ALL: 'C' };
	const init = spawnSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '--no-instructions', '-E', 'UTF8', '--locale=C'], { ...user, env, encoding: 'utf8' });
	if (init.status !== 0) throw new Error(`initdb failed (exit ${init.status}): ${init.stderr || init.stdout}`);

	const port = await freePort();
	const out = fs.openSync(logFile, 'a');
	if (user.uid !== undefined) fs.fchownSync(out, user.uid, user.gid);
	// A throwaway database: durability off, loopback only, its socket inside its own folder.
	const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'];
	const child = spawn(path.join(bin, 'postgres'), args, { ...user, env, detached: true, stdio: ['ignore', out, out] });
	fs.closeSync(out);
	const deadline = Date.now() + 60000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode}); ${logFile}:\n${tail(logFile)}`);
		const ready = spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'], { env });
		if (ready.status === 0) break;
		if (Date.now() > deadline) throw new Error(`postgres not ready after 60 s; ${logFile}:\n${tail(logFile)}`);
		await sleep(200);
	}
	log(`[services] postgres ${path.basename(path.dirname(bin))} on 127.0.0.1:${port} (data ${data})`);
	return {
		host: '127.0.0.1',
		port,
		user: 'postgres',
		database: 'postgres',
		child,
		logFile,
		async stop() {
			// SIGINT: Postgres's "fast" shutdown; SIGQUIT if it does not go.
			try {
				process.kill(child.pid, 'SIGINT');
			} catch {}
			if (!(await waitExit(child, 15000))) {
				try {
					process.kill(-child.pid, 'SIGQUIT');
				} catch {}
				await waitExit(child, 5000);
			}
		},
		kill() {
			try {
				process.kill(-child.pid, 'SIGQUIT');
			} catch {}
		},
	};
}

function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let data = '';
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			data += chunk;
			if (data.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(data.startsWith('+PONG')));
		socket.on('error', () => resolve(false));
	});
}

async function startRedis({ dir, log }) {
	const bin = redisBin();
	if (!bin) throw new Error('Redis is not installed: run `node scripts/n8n/services.js install` (or `npm run test:e2e:queue`).');
	const port = await freePort();
	const logFile = path.join(dir, 'redis.log');
	const out = fs.openSync(logFile, 'a');
	// In memory only, loopback only.
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--protected-mode', 'yes'];
	const child = spawn(bin, args, { cwd: dir, detached: true, stdio: ['ignore', out, out] });
	fs.closeSync(out);
	const deadline = Date.now() + 30000;
	while (!(await redisPing(port))) {
		if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}); ${logFile}:\n${tail(logFile)}`);
		if (Date.now() > deadline) throw new Error(`redis-server not ready after 30 s; ${logFile}:\n${tail(logFile)}`);
		await sleep(100);
	}
	log(`[services] redis on 127.0.0.1:${port}`);
	return {
		host: '127.0.0.1',
		port,
		child,
		logFile,
		async stop() {
			try {
				process.kill(child.pid, 'SIGTERM');
			} catch {}
			if (!(await waitExit(child, 5000))) this.kill();
		},
		kill() {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		},
	};
}

/**
 * Starts a throwaway Postgres and Redis for one queue-mode n8n. `stop()` ends both and removes their folder
 * unless `keep` is set (logs stay readable after a failure).
 */
async function startQueueServices({ log = console.log, dir } = {}) {
	const root = dir || fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-services-'));
	fs.mkdirSync(root, { recursive: true });
	fs.chmodSync(root, 0o755);
	const pgDir = path.join(root, 'postgres');
	const redisDir = path.join(root, 'redis');
	fs.mkdirSync(pgDir, { recursive: true });
	fs.mkdirSync(redisDir, { recursive: true });
	const started = [];
	// If this process dies first, do not leave the servers running.
	const onExit = () => started.forEach((s) => s.kill());
	process.on('exit', onExit);
	try {
		started.push(await startPostgres({ dir: pgDir, log }));
		started.push(await startRedis({ dir: redisDir, log }));
	} catch (e) {
		onExit();
		process.off('exit', onExit);
		throw e;
	}
	const [postgres, redis] = started;
	return {
		dir: root,
		postgres,
		redis,
		/** Environment every n8n process of the queue shares for its database and queue. */
		n8nEnv() {
			return {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: postgres.host,
				DB_POSTGRESDB_PORT: String(postgres.port),
				DB_POSTGRESDB_USER: postgres.user,
				DB_POSTGRESDB_PASSWORD: '',
				DB_POSTGRESDB_DATABASE: postgres.database,
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: redis.host,
				QUEUE_BULL_REDIS_PORT: String(redis.port),
			};
		},
		async stop({ keep = false } = {}) {
			process.off('exit', onExit);
			await Promise.all(started.map((s) => s.stop()));
			if (!keep && !dir) fs.rmSync(root, { recursive: true, force: true });
		},
	};
}

module.exports = { ensureServicePackages, startQueueServices, missingPackages };

if (require.main === module) {
	const [command] = process.argv.slice(2);
	if (command === 'install') {
		const missing = missingPackages();
		if (missing.length) console.log(`[services] installing ${missing.join(' and ')} for queue mode (Debian packages, ~1 min)…`);
		try {
			ensureServicePackages();
			console.log(`[services] postgres (${postgresBinDir()}) and redis-server (${redisBin()}) are installed`);
		} catch (e) {
			console.error(e.message);
			process.exit(1);
		}
	} else {
		console.error('usage: node scripts/n8n/services.js install');
		process.exit(1);
	}
}
