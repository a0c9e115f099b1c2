import { randomBytes, createHmac } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import { handleControl } from './control';
import { FaultInjector } from './faults';
import { GraphError, fbtraceId, objectNotFound, permissionDenied, unknownPath } from './graphError';
import { DEFAULT_RATE_LIMITS, RateLimiter, usageHeader, type RateLimitConfig } from './rateLimits';
import { parseRequest, readBody, type ParsedRequest } from './request';
import { allRoutes } from './routes';
import type { Route, RouteResult } from './routes/types';
import { noteSpecMissing, specAvailable, SpecValidator } from './specValidator';
import { versionRefusal } from './versions';
import { seedState, type EmulatorState, type TokenGrant } from './state';
import { sendWebhook, verifyCallback, type SendWebhookOptions } from './webhookSender';

export interface EmulatorOptions {
	port?: number;
	host?: string;
	accessToken?: string;
	appSecret?: string;
	verifyToken?: string;
	/** Reject calls without a valid appsecret_proof, like an app with "Require App Secret" on. */
	requireAppSecretProof?: boolean;
	/** Random latency added to every answer, [min, max] milliseconds. */
	latencyMs?: [number, number];
	rateLimits?: Partial<RateLimitConfig>;
	/** Check request bodies against Meta's OpenAPI spec (default: when ../shared/specs is there). */
	validateAgainstSpec?: boolean;
	/** Serve HTTPS with this key and certificate (to stand in for graph.facebook.com). */
	tls?: { key: string | Buffer; cert: string | Buffer };
	/** Print one line per request. */
	log?: boolean;
	/** Largest page a list answers with (Graph: 100); tests lower it to see cursors followed. */
	maxPageSize?: number;
	/** The date the emulator judges Graph API versions on (default: now): expired versions get Meta's 2635. */
	today?: Date;
	/** Serve expired versions too (n8n's built-in WhatsApp nodes still call v13.0 and v19.0, for the side-by-side benchmark). */
	acceptExpiredVersions?: boolean;
}

export interface RecordedRequest {
	method: string;
	path: string;
	version: string | undefined;
	query: Record<string, string>;
	headers: IncomingMessage['headers'];
	body: Record<string, unknown>;
	rawBody: Buffer;
	status: number;
	responseBody: unknown;
	at: number;
}

/** A stateful local Graph API: see DESIGN.md → "The emulator". */
export class GraphEmulator {
	readonly state: EmulatorState;
	readonly faults = new FaultInjector();
	readonly limiter: RateLimiter;
	readonly spec = new SpecValidator();
	readonly requests: RecordedRequest[] = [];
	/** Every handshake the emulator performed against a callback URL. */
	readonly handshakes: Array<{ url: string; ok: boolean; status: number }> = [];
	url = '';
	private server: Server | undefined;
	private readonly sockets = new Set<import('node:net').Socket>();
	private inFlight = 0;
	/** Highest number of requests handled at the same time. */
	peakInFlight = 0;

	readonly options: EmulatorOptions;

	constructor(options: EmulatorOptions = {}) {
		this.options = options;
		this.state = seedState({
			accessToken: options.accessToken ?? 'EAAtest-access-token-0123456789',
			appSecret: options.appSecret ?? 'test-app-secret-abcdef',
			verifyToken: options.verifyToken ?? 'test-verify-token',
		});
		this.limiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...options.rateLimits });
		if (options.validateAgainstSpec !== false && !specAvailable()) {
			noteSpecMissing();
			this.options = { ...options, validateAgainstSpec: false };
		}
	}

	get ids() {
		return this.state.ids;
	}

	async start(): Promise<this> {
		const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
		this.server = this.options.tls ? createHttpsServer(this.options.tls, handler) : createHttpServer(handler);
		this.server.keepAliveTimeout = 30_000;
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => this.server!.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', resolve));
		const { port } = this.server.address() as AddressInfo;
		this.url = `${this.options.tls ? 'https' : 'http'}://${this.options.host ?? '127.0.0.1'}:${port}`;
		if (this.options.validateAgainstSpec !== false) await this.spec.ready();
		return this;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	/** Requests matching a method and a path (string prefix or pattern), for assertions. */
	calls(method?: string, path?: string | RegExp): RecordedRequest[] {
		return this.requests.filter(
			(request) =>
				(!method || request.method === method) &&
				(!path || (typeof path === 'string' ? request.path === path : path.test(request.path))),
		);
	}

	clearRequests(): void {
		this.requests.length = 0;
	}

	sendWebhook(url: string, payload: unknown, options: SendWebhookOptions = {}) {
		return sendWebhook(url, payload, { appSecret: this.state.ids.appSecret, ...options });
	}

	async verifyCallback(url: string, verifyToken: string) {
		const result = await verifyCallback(url, verifyToken);
		this.handshakes.push({ url, ok: result.ok, status: result.status });
		return result;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		// Control routes (/_emulator/...) are not Graph paths: see control.ts.
		if (req.url?.startsWith('/_emulator')) {
			await handleControl(this, req, res);
			return;
		}
		this.inFlight++;
		this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
		let parsed: ParsedRequest | undefined;
		try {
			const raw = await readBody(req);
			parsed = parseRequest(req, raw);
			const fault = this.faults.take(parsed.method, parsed.path);
			if (fault?.kind === 'drop') {
				this.record(parsed, 0, undefined);
				req.socket.destroy();
				return;
			}
			if (fault?.kind === 'slow') await delay(fault.delayMs ?? 2000);
			let result: RouteResult;
			if (fault?.kind === 'serverError') {
				const error = new GraphError(fault.status ?? 500, fault.graphError?.code ?? 2, fault.graphError?.message ?? 'An unexpected error has occurred. Please retry your request later.', { type: 'OAuthException' });
				result = { status: error.status, body: { error: { ...error.toBody().error, is_transient: true } } };
			} else if (fault?.kind === 'graphError' && fault.graphError) {
				const error = new GraphError(fault.status ?? 400, fault.graphError.code, fault.graphError.message, {
					subcode: fault.graphError.subcode,
					details: fault.graphError.details,
					headers: fault.graphError.headers,
				});
				result = { status: error.status, body: error.toBody(), headers: fault.graphError.headers };
			} else {
				result = await this.route(parsed);
			}
			if (fault?.kind === 'rewrite' && fault.rewrite) {
				const answer = { status: result.status ?? 200, headers: result.headers ?? {}, body: result.body };
				const rewritten = { ...answer, ...fault.rewrite(answer) };
				result = { status: rewritten.status, headers: rewritten.headers, body: rewritten.body as RouteResult['body'] };
			}
			// Latency is the time to answer: limits count a request when it arrives, as Meta's do.
			await this.latency();
			if (fault?.kind === 'dropAfterHandling') {
				this.record(parsed, 0, result.body);
				req.socket.destroy();
				return;
			}
			if (fault?.kind === 'malformed') {
				this.respond(res, parsed, { status: 200, body: undefined }, '{"data": [ {"id": "1"');
				return;
			}
			this.respond(res, parsed, result);
		} catch (error) {
			const status = error instanceof GraphError ? error.status : 500;
			const body = error instanceof GraphError ? error.toBody() : { error: { message: String(error), type: 'OAuthException', code: 1, fbtrace_id: fbtraceId() } };
			this.respond(res, parsed, { status, body, headers: error instanceof GraphError ? error.extra.headers : undefined });
		} finally {
			this.inFlight--;
		}
	}

	private async latency(): Promise<void> {
		const [min, max] = this.options.latencyMs ?? [0, 0];
		if (max > 0) await delay(min + Math.random() * (max - min));
	}

	private respond(res: ServerResponse, parsed: ParsedRequest | undefined, result: RouteResult, rawText?: string): void {
		const status = result.status ?? 200;
		if (parsed) this.record(parsed, status, result.body);
		if (this.options.log) console.log(`${parsed?.method} ${parsed?.path} -> ${status}`);
		const headers: Record<string, string> = {
			'x-fb-trace-id': fbtraceId(),
			'x-fb-request-id': randomBytes(12).toString('base64url'),
			'x-app-usage': JSON.stringify({ call_count: 1, total_cputime: 1, total_time: 1 }),
			...result.headers,
		};
		if (Buffer.isBuffer(result.body)) {
			res.writeHead(status, { 'content-type': 'application/octet-stream', ...headers });
			res.end(result.body);
			return;
		}
		res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
		res.end(rawText ?? JSON.stringify(result.body ?? {}));
	}

	private record(parsed: ParsedRequest, status: number, responseBody: unknown): void {
		this.requests.push({
			method: parsed.method,
			path: parsed.path,
			version: parsed.version,
			query: parsed.query,
			headers: parsed.headers,
			body: parsed.body,
			rawBody: parsed.rawBody,
			status,
			responseBody,
			at: Date.now(),
		});
	}

	private authenticate(parsed: ParsedRequest): TokenGrant {
		const header = String(parsed.headers.authorization ?? '');
		const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? parsed.query.access_token;
		if (!token) throw new GraphError(400, 2500, 'An active access token must be used to query information about the current user.');
		// An app access token may also be written as {app-id}|{app-secret}.
		const grant = token === `${this.state.ids.appId}|${this.state.ids.appSecret}` ? { userId: '', app: true } : this.state.tokens.get(token);
		if (!grant) throw new GraphError(401, 190, `Malformed access token ${token}`, { type: 'OAuthException' });
		if (grant.expired) {
			throw new GraphError(401, 190, 'Error validating access token: Session has expired on Tuesday, 01-Jan-30 00:00:00 PST.', { subcode: 463 });
		}
		if (this.options.requireAppSecretProof && !grant.app) {
			const proof = parsed.query.appsecret_proof;
			if (!proof) throw new GraphError(400, 100, 'API calls from the server require an appsecret_proof argument', { type: 'GraphMethodException' });
			const expected = createHmac('sha256', this.state.ids.appSecret).update(token).digest('hex');
			if (proof !== expected) throw new GraphError(400, 100, 'Invalid appsecret_proof provided in the API argument', { type: 'GraphMethodException' });
		}
		return grant;
	}

	canAccessWaba(grant: TokenGrant, wabaId: string): boolean {
		if (grant.wabaIds) return grant.wabaIds.includes(wabaId);
		const waba = this.state.get(wabaId);
		const user = this.state.get(grant.userId);
		return !!waba && !!user && (waba.ownerBusinessId === user.businessId || waba.sharedWithBusinessId === user.businessId);
	}

	private async route(parsed: ParsedRequest): Promise<RouteResult> {
		const refusal = versionRefusal(parsed.version, parsed.path, this.options.today ?? new Date(), this.options.acceptExpiredVersions);
		if (refusal) throw refusal;
		if (parsed.bodyParseError) throw new GraphError(400, 100, `(#100) Invalid JSON body: ${parsed.bodyParseError}`);
		// Token endpoints (POST /oauth/access_token) come before authentication: the caller has no token yet.
		const open = parsed.segments.length === 2 && allRoutes.find((candidate) => candidate.unauthenticated && candidate.method === parsed!.method && candidate.target === parsed!.segments[0] && candidate.edge === parsed!.segments[1]);
		if (open) return (await open.handler({ req: parsed, emulator: this, state: this.state, object: undefined, grant: { userId: '' }, wabaId: undefined })) as RouteResult;
		const grant = this.authenticate(parsed);
		const [id, edge, subId, ...rest] = parsed.segments;
		if (!id || rest.length || (subId !== undefined && !allRoutes.some((candidate) => candidate.withSubId && candidate.edge === edge))) throw unknownPath(parsed.path);
		const object = id === 'me' ? undefined : this.state.get(id);
		if (id !== 'me' && !object) throw objectNotFound(id);
		const target = id === 'me' ? 'me' : object!.type;
		const matches = allRoutes.filter((candidate: Route) => candidate.method === parsed.method && candidate.target === target && candidate.edge === edge && !!candidate.withSubId === (subId !== undefined));
		const route = matches.find((candidate) => candidate.when?.(parsed)) ?? matches.find((candidate) => !candidate.when);
		if (!route) {
			if (edge) throw new GraphError(400, 100, `(#100) Tried accessing nonexisting field (${edge}) on node type (${target})`);
			throw new GraphError(400, 100, `(#100) Unsupported ${parsed.method.toLowerCase()} request on node type (${target})`, { subcode: 33 });
		}
		const wabaId = this.state.owningWaba(object);
		if (wabaId && !this.canAccessWaba(grant, wabaId)) throw permissionDenied();
		const headers: Record<string, string> = {};
		if (wabaId && !route.isMessageSend) {
			const { callCountPercent } = this.limiter.chargeWabaCall(wabaId);
			headers['x-business-use-case-usage'] = usageHeader(wabaId, callCountPercent);
		}
		if (route.operationId && parsed.bodyIsJson && this.options.validateAgainstSpec !== false) {
			const violation = await this.spec.check(route.operationId, { method: parsed.method, path: `/v23.0${parsed.path}`, body: parsed.body, query: parsed.query });
			if (violation) throw new GraphError(400, 100, '(#100) Invalid parameter', { details: `Request does not match ${violation.operationId}: ${violation.errors.join('; ')}` });
		}
		const outcome = await route.handler({ req: parsed, emulator: this, state: this.state, object, grant, wabaId, subId });
		const result = (outcome && typeof outcome === 'object' && 'body' in outcome ? outcome : { body: outcome }) as RouteResult;
		return { ...result, headers: { ...headers, ...result.headers } };
	}
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startEmulator(options: EmulatorOptions = {}): Promise<GraphEmulator> {
	return await new GraphEmulator(options).start();
}
