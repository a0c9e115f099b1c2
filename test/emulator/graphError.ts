import { randomBytes } from 'node:crypto';

/** A Graph API error as Meta returns it; thrown by route handlers, rendered by the server. */
export class GraphError extends Error {
	constructor(
		readonly status: number,
		readonly code: number,
		message: string,
		readonly extra: { subcode?: number; details?: string; type?: string; userTitle?: string; userMessage?: string; headers?: Record<string, string> } = {},
	) {
		super(message);
	}

	toBody() {
		return {
			error: {
				message: this.message,
				type: this.extra.type ?? 'OAuthException',
				code: this.code,
				...(this.extra.subcode !== undefined ? { error_subcode: this.extra.subcode } : {}),
				...(this.extra.userTitle ? { error_user_title: this.extra.userTitle } : {}),
				...(this.extra.userMessage ? { error_user_msg: this.extra.userMessage } : {}),
				...(this.extra.details ? { error_data: { messaging_product: 'whatsapp', details: this.extra.details } } : {}),
				fbtrace_id: fbtraceId(),
			},
		};
	}
}

export function fbtraceId(): string {
	return randomBytes(8).toString('base64url');
}

export const invalidParameter = (details: string, subcode?: number) =>
	new GraphError(400, 100, '(#100) Invalid parameter', { details, subcode });

export const unknownPath = (path: string) =>
	new GraphError(400, 2500, `Unknown path components: ${path}`, { type: 'OAuthException' });

export const objectNotFound = (id: string) =>
	new GraphError(400, 100, `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, { subcode: 33, type: 'GraphMethodException' });

export const permissionDenied = () => new GraphError(403, 200, '(#200) Permissions error', { type: 'OAuthException' });
