import type { IDataObject, IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';

// Output helpers for declarative operations (account, template, phone number,
// assigned user, credit line). They shape items after the transport has sent the request.

export type PostReceive = (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
) => Promise<INodeExecutionData[]>;

/** A parameter's value; resource locators give their ID. */
export function parameterValue(context: IExecuteSingleFunctions, name: string): string {
	const value = context.getNodeParameter(name, '', { extractValue: true });
	return value === undefined || value === null ? '' : String(value);
}

/**
 * Adds the IDs acted on to each item, e.g. `{success: true}` → `{success: true, wabaId, userId}`.
 * `ids` maps output keys to parameter names.
 */
export function withIds(ids: Record<string, string>, extra?: (context: IExecuteSingleFunctions) => IDataObject): PostReceive {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]) {
		const added: IDataObject = {};
		for (const [key, parameter] of Object.entries(ids)) added[key] = parameterValue(this, parameter);
		Object.assign(added, extra?.(this) ?? {});
		return items.map((item) => ({ ...item, json: { ...item.json, ...added } }));
	};
}

/** Splits "a, b,c" into ["a", "b", "c"]. */
export function splitList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((entry) => String(entry).trim()).filter(Boolean);
	return String(value ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);
}
