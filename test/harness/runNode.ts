import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type IRun,
	type IWorkflowExecuteAdditionalData,
	type NodeParameterValue,
} from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';

import { DEFAULT_GRAPH_VERSION } from '../../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import { TestCredentialsHelper } from './credentialsHelper';
import { ACTION_NODE_TYPE, nodeTypes } from './nodeTypes';
import { runExecutionDataFor } from './compat';
import { setupN8nCore } from './setup';

export interface TestCredentials {
	accessToken: string;
	appSecret?: string;
	appId?: string;
	verifyToken?: string;
	graphApiVersion?: string;
	baseUrl: string;
}

export interface RunNodeOptions {
	parameters: Record<string, unknown>;
	credentials: TestCredentials;
	/** Input items; one empty item by default. */
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	nodeType?: string;
	nodeName?: string;
	/** Gets the run's Stop button once it runs; pressing it does what n8n does (abort signal, then the after-hook). */
	onRunning?: (stop: () => void) => void;
	/** Set for operations that need one, e.g. a signed resume URL (send and wait). */
	executionId?: string;
}

export interface NodeRun {
	/** Output items of the node (first output), or [] when it failed. */
	items: INodeExecutionData[];
	/** The execution error when the node failed as a whole. */
	error: (Error & { description?: string; httpCode?: string; context?: IDataObject }) | undefined;
	run: IRun;
}

export function makeAdditionalData(credentials: Record<string, ICredentialDataDecryptedObject>, hooks: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		variables: {},
		logAiEvent: async () => {},
		startRunnerTask: async () => {
			throw new Error('not supported in tests');
		},
		getRunExecutionData: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * Runs one node of this package inside n8n-core's WorkflowExecute, as n8n runs a workflow step:
 * declarative operations go through n8n's RoutingNode, custom operations through ExecuteContext.
 */
export async function runNode(options: RunNodeOptions): Promise<NodeRun> {
	setupN8nCore();
	const node: INode = {
		id: 'node-under-test',
		name: options.nodeName ?? 'WhatsApp',
		type: options.nodeType ?? ACTION_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as Record<string, NodeParameterValue>,
		credentials: { whatsAppBusinessPlatformApi: { id: '1', name: 'WhatsApp test' } },
		continueOnFail: options.continueOnFail,
		onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
	};
	const workflow = new Workflow({ id: 'test-workflow', nodes: [node], connections: {}, nodeTypes, active: false, settings: { executionOrder: 'v1' } });
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', { id: 'test-workflow', name: 'test', nodes: [node], connections: {}, active: false, settings: {}, createdAt: new Date(), updatedAt: new Date(), isArchived: false } as never);
	let finished: (run: IRun) => void = () => {};
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finished(run));
	const credentials = { whatsAppBusinessPlatformApi: { graphApiVersion: DEFAULT_GRAPH_VERSION, ...options.credentials } as unknown as ICredentialDataDecryptedObject };
	const additionalData = makeAdditionalData(credentials, hooks);
	if (options.executionId) additionalData.executionId = options.executionId;
	const runExecutionData = runExecutionDataFor([{ node, data: { main: [options.items ?? [{ json: {} }]] }, source: null }]);
	const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const running = execute.processRunExecutionData(workflow);
	options.onRunning?.(() => running.cancel());
	// After a Stop this still waits for the node to return, so a test sees what it did afterwards.
	await running;
	const run = await done;
	const nodeRun = run.data.resultData.runData[node.name]?.[0];
	const error = (run.data.resultData.error ?? nodeRun?.error) as NodeRun['error'];
	const items = nodeRun?.data?.main?.[0] ?? [];
	return { items, error, run };
}
