import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { load } from 'js-yaml';
import OpenAPIBackend from 'openapi-backend';

/** Meta's OpenAPI spec of the platform, beside the project. */
export const SPEC_PATH = path.resolve(__dirname, '../../../shared/specs/business-messaging-api_v23.0.yaml');

/** The spec sits beside the repository, not in it: a user's clone has no ../shared. */
export const specAvailable = (): boolean => existsSync(SPEC_PATH);

/** Says once that request bodies are not checked against Meta's spec (jest's global setup says it for all test files). */
export function noteSpecMissing(log: (line: string) => void = console.log): void {
	if (process.env.EMULATOR_SPEC_MISSING_NOTED) return;
	process.env.EMULATOR_SPEC_MISSING_NOTED = '1';
	log(`Meta's OpenAPI spec is not beside this clone (${SPEC_PATH}): the emulator checks Meta's documented limits but not the spec's schemas.`);
}

export interface SpecViolation {
	operationId: string;
	errors: string[];
}

/**
 * Two repairs make Meta's spec usable by a JSON-schema validator without changing what it allows:
 * - `$ref` with sibling keywords: the siblings are descriptions; the dereferencer mangles them.
 * - `additionalProperties: false` inside an `allOf` member: under allOf it rejects the properties
 *   of the other members (every message would fail for carrying `messaging_product`), which is
 *   not what the real API does. It is dropped there; everywhere else it stays.
 */
export function repairSpec(node: unknown, insideAllOf = false): unknown {
	if (Array.isArray(node)) return node.map((entry) => repairSpec(entry, insideAllOf));
	if (!node || typeof node !== 'object') return node;
	const object = node as Record<string, unknown>;
	if (typeof object.$ref === 'string') return { $ref: object.$ref };
	const repaired: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(object)) {
		if (insideAllOf && key === 'additionalProperties' && value === false) continue;
		repaired[key] = key === 'allOf' && Array.isArray(value) ? value.map((member) => repairSpec(member, true)) : repairSpec(value);
	}
	return repaired;
}

/**
 * Checks request bodies against the matching operation of Meta's OpenAPI spec with openapi-backend.
 * The spec has definition errors of its own, so it is loaded in quick mode (no definition
 * validation). Several paths are a bare /{Version}/{Some-ID}, so the caller names the operation
 * (from the ID's node type) instead of matching paths.
 */
export class SpecValidator {
	private loading: Promise<OpenAPIBackend> | undefined;

	async ready(): Promise<OpenAPIBackend> {
		this.loading ??= (async () => {
			const definition = repairSpec(load(readFileSync(SPEC_PATH, 'utf8'))) as never;
			const api = new OpenAPIBackend({
				definition,
				quick: true,
				validate: true,
				strict: false,
				ajvOpts: { strict: false, validateSchema: false, allErrors: true, logger: false, formats: { url: true } },
			});
			await api.init();
			return api;
		})();
		return await this.loading;
	}

	/** Returns the violations of the request body against operation `operationId`, or undefined when it conforms. */
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
				headers: { 'content-type': 'application/json', authorization: 'Bearer emulator' },
			},
			operation,
		);
		const bodyErrors = (result.errors ?? []).filter((error) => String(error.instancePath ?? '').startsWith('/requestBody'));
		// In a oneOf discriminated by `type`, branches for other types fail on `type` first: drop their noise.
		const wrongBranches = bodyErrors
			.filter((error) => error.instancePath === '/requestBody/type' && error.keyword === 'enum')
			.map((error) => String(error.schemaPath).replace(/(oneOf\/\d+\/).*$/, '$1'));
		const relevant = bodyErrors.filter((error) => !wrongBranches.some((branch) => String(error.schemaPath).startsWith(branch)));
		const errors = (relevant.length > 1 ? relevant.filter((error) => error.keyword !== 'oneOf') : relevant)
			.map((error) => {
				const where = String(error.instancePath).replace(/^\/requestBody/, '') || '(body)';
				const params = error.params && Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : '';
				return `${where} ${error.message ?? ''}${params}`;
			});
		return errors.length ? { operationId, errors: [...new Set(errors)] } : undefined;
	}
}
