import path from 'node:path';
import OpenAPIBackend from 'openapi-backend';

/** Meta's OpenAPI spec of the platform, beside the project. */
export const SPEC_PATH = path.resolve(__dirname, '../../../shared/specs/business-messaging-api_v23.0.yaml');

export interface SpecViolation {
	operationId: string;
	errors: string[];
}

/**
 * Checks request bodies against the matching operation of Meta's OpenAPI spec.
 * The spec has definition errors of its own, so it is loaded in quick mode (no definition
 * validation); request validation then works. Several paths are a bare /{Version}/{Some-ID},
 * so the caller names the operation (from the ID's node type) instead of matching paths.
 */
export class SpecValidator {
	private api: OpenAPIBackend | undefined;
	private loading: Promise<OpenAPIBackend> | undefined;

	async ready(): Promise<OpenAPIBackend> {
		if (this.api) return this.api;
		this.loading ??= (async () => {
			const api = new OpenAPIBackend({ definition: SPEC_PATH, quick: true, validate: true, strict: false });
			await api.init();
			this.api = api;
			return api;
		})();
		return await this.loading;
	}

	/** Returns the violations of `body` against operation `operationId`, or undefined when it conforms. */
	async check(operationId: string, request: { method: string; path: string; body: unknown; query?: Record<string, string> }): Promise<SpecViolation | undefined> {
		const api = await this.ready();
		const operation = api.getOperation(operationId);
		if (!operation) throw new Error(`No operation ${operationId} in the spec`);
		const result = api.validator.validateRequest(
			{
				method: request.method.toLowerCase(),
				path: request.path,
				body: request.body as never,
				query: request.query ?? {},
				headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
			},
			operation,
		);
		const errors = (result.errors ?? [])
			// Path and header parameters are the emulator's business, not the body's.
			.filter((error) => !/^\/?(path|params|header|headers)\b/i.test(String(error.instancePath ?? '')) && error.keyword !== 'required' || !/path|header/i.test(JSON.stringify(error.params ?? {})) && /body/.test(String(error.instancePath ?? '') + String((error as { schemaPath?: string }).schemaPath ?? '')))
			.map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`.trim());
		return errors.length ? { operationId, errors } : undefined;
	}
}
