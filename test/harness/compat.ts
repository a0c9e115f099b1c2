/**
 * The few places where the harness drives n8n-core/n8n-workflow differently on n8n 1.x (the unit suite
 * also runs against them: npm run test:n8n1-core). Each picks n8n's own helper where it exists.
 */
import * as n8nWorkflow from 'n8n-workflow';
import type { IExecuteData, IRunExecutionData } from 'n8n-workflow';

type Factory = (options: { executionData: { nodeExecutionStack: IExecuteData[] } }) => IRunExecutionData;

/** A run that starts with `nodeExecutionStack`: n8n-workflow's factory (n8n 1.11x+), or the object n8n 1.x built by hand. */
export function runExecutionDataFor(nodeExecutionStack: IExecuteData[]): IRunExecutionData {
	const factory = (n8nWorkflow as unknown as { createRunExecutionData?: Factory }).createRunExecutionData;
	if (factory) return factory({ executionData: { nodeExecutionStack } });
	return {
		startData: {},
		resultData: { runData: {} },
		executionData: { contextData: {}, nodeExecutionStack, metadata: {}, waitingExecution: {}, waitingExecutionSource: {} },
	} as unknown as IRunExecutionData;
}

/** BinaryDataService.init's argument on n8n 1.x before the config moved into the DI container (later versions ignore it). */
export function binaryDataConfig(userFolder: string): { mode: 'default'; availableModes: ['default']; localStoragePath: string } {
	return { mode: 'default', availableModes: ['default'], localStoragePath: userFolder };
}
