import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { InputError } from './validation';

/** One input item's work in a custom operation; it may answer with several items (e.g. one per user). */
export type ItemOperation = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

export type CustomOperation = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

/**
 * Runs an item operation for every input item, pairs its output with the item, turns a InputError
 * into an error naming the field, and honours "Continue On Fail".
 */
export function perItem(operation: ItemOperation): CustomOperation {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		const count = this.getInputData().length;
		for (let itemIndex = 0; itemIndex < count; itemIndex++) {
			try {
				const results = await operation.call(this, itemIndex);
				output.push(...results.map((result) => ({ ...result, pairedItem: { item: itemIndex } })));
			} catch (caught) {
				const error =
					caught instanceof InputError
						? new NodeOperationError(this.getNode(), caught.message, {
								itemIndex,
								description: 'Nothing was sent to Meta. Correct the value and run again.',
							})
						: (caught as Error);
				if (!this.continueOnFail()) throw error;
				output.push({ json: { error: error.message, description: (error as { description?: string }).description ?? null }, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	};
}

/** Custom operations for every operation name of a resource. */
export function perItemOperations(operations: Record<string, ItemOperation>): Record<string, CustomOperation> {
	return Object.fromEntries(Object.entries(operations).map(([name, operation]) => [name, perItem(operation)]));
}
