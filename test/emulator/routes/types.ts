import type { GraphEmulator } from '../server';
import type { ParsedRequest } from '../request';
import type { EmulatorState, GraphObject, NodeType, TokenGrant } from '../state';

export interface RouteContext {
	req: ParsedRequest;
	emulator: GraphEmulator;
	state: EmulatorState;
	/** The object the path's ID resolved to (undefined for /me). */
	object: GraphObject | undefined;
	grant: TokenGrant;
	/** The WABA the object belongs to, when it has one. */
	wabaId: string | undefined;
	/** The third path segment of /{id}/{edge}/{subId} paths (e.g. a QR code under message_qrdls). */
	subId?: string;
}

export interface RouteResult {
	status?: number;
	body: unknown;
	headers?: Record<string, string>;
}

export interface Route {
	method: 'GET' | 'POST' | 'DELETE';
	/** The node type of the path's ID; 'me' for /me; 'oauth' for /oauth/access_token. */
	target: NodeType | 'me' | 'oauth';
	/** The edge after the ID, or undefined for the object itself. */
	edge?: string;
	/** Only for requests it accepts; such a route wins over one without `when` for the same path (e.g. library template creates). */
	when?: (req: ParsedRequest) => boolean;
	/** Served at /{id}/{edge}/{subId} (e.g. /{phone-number-id}/message_qrdls/{code}) instead of /{id}/{edge}. */
	withSubId?: boolean;
	/** The operation of Meta's OpenAPI spec whose request body schema applies. */
	operationId?: string;
	/** Message sends are counted by the messaging limits instead of the per-WABA call limit. */
	isMessageSend?: boolean;
	/** Served without a token, matched on the literal path /{target}/{edge} (e.g. /oauth/access_token). */
	unauthenticated?: boolean;
	handler(context: RouteContext): RouteResult | Promise<RouteResult> | unknown;
}
