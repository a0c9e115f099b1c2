/**
 * Makes a local emulator answer as https://graph.facebook.com for a real n8n, without /etc/hosts:
 * a self-signed certificate for graph.facebook.com (openssl, in a temp folder) and a loopback
 * CONNECT proxy that tunnels only graph.facebook.com:443 to the emulator's TLS port. n8n is started
 * with HTTPS_PROXY pointing here, NO_PROXY=127.0.0.1,localhost and NODE_EXTRA_CA_CERTS = the certificate.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GRAPH_HOST = 'graph.facebook.com';

export interface GraphCertificate {
	key: Buffer;
	cert: Buffer;
	certPath: string;
	remove(): void;
}

export function makeCertificate(): GraphCertificate {
	const dir = mkdtempSync(join(tmpdir(), 'graph-cert-'));
	const keyPath = join(dir, 'key.pem');
	const certPath = join(dir, 'cert.pem');
	execFileSync('openssl', [
		'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
		'-keyout', keyPath, '-out', certPath,
		'-subj', `/CN=${GRAPH_HOST}`, '-addext', `subjectAltName=DNS:${GRAPH_HOST}`,
	], { stdio: 'ignore' });
	return { key: readFileSync(keyPath), cert: readFileSync(certPath), certPath, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface GraphProxy {
	url: string;
	/** CONNECT requests answered, and those refused (any other host). */
	tunnels: number;
	refused: string[];
	stop(): Promise<void>;
}

/** A CONNECT-only proxy on 127.0.0.1: graph.facebook.com:443 → 127.0.0.1:targetPort; everything else 403. */
export async function startGraphProxy(targetPort: number): Promise<GraphProxy> {
	const sockets = new Set<Socket>();
	const server: Server = createServer((_req, res) => {
		res.writeHead(405).end('CONNECT only');
	});
	const proxy: GraphProxy = {
		url: '',
		tunnels: 0,
		refused: [],
		stop: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	server.on('connect', (req, client: Socket, head: Buffer) => {
		sockets.add(client);
		client.on('close', () => sockets.delete(client));
		client.on('error', () => client.destroy());
		if (req.url !== `${GRAPH_HOST}:443`) {
			proxy.refused.push(String(req.url));
			client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}
		proxy.tunnels++;
		const upstream = connect(targetPort, '127.0.0.1', () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			if (head.length) upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		sockets.add(upstream);
		upstream.on('close', () => sockets.delete(upstream));
		upstream.on('error', () => client.destroy());
		client.on('close', () => upstream.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return proxy;
}
