import { LoadOptionsContext, ExecutionLifecycleHooks } from 'n8n-core';
import { Workflow, type ICredentialDataDecryptedObject, type INode, type INodeListSearchResult, type INodeType, type NodeParameterValue } from 'n8n-workflow';

import { DEFAULT_GRAPH_VERSION } from '../../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import { ACTION_NODE_TYPE, nodeTypes } from './nodeTypes';
import { makeAdditionalData, type TestCredentials } from './runNode';
import { setupN8nCore } from './setup';

/** Calls a node's listSearch method the way the editor does: with the parameters currently in the form. */
export async function runListSearch(options: {
	method: string;
	parameters: Record<string, unknown>;
	credentials: TestCredentials;
	filter?: string;
	paginationToken?: string;
	nodeType?: string;
}): Promise<INodeListSearchResult> {
	setupN8nCore();
	const type = options.nodeType ?? ACTION_NODE_TYPE;
	const node: INode = {
		id: 'node-under-test',
		name: 'WhatsApp',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as Record<string, NodeParameterValue>,
		credentials: { whatsAppBusinessPlatformApi: { id: '1', name: 'WhatsApp test' } },
	};
	const workflow = new Workflow({ id: 'w', nodes: [node], connections: {}, nodeTypes, active: false });
	const credentials = { whatsAppBusinessPlatformApi: { graphApiVersion: DEFAULT_GRAPH_VERSION, ...options.credentials } as unknown as ICredentialDataDecryptedObject };
	const additionalData = makeAdditionalData(credentials, new ExecutionLifecycleHooks('manual', 'x', {} as never));
	additionalData.currentNodeParameters = node.parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const search = (nodeTypes.getByNameAndVersion(type) as INodeType).methods!.listSearch![options.method];
	return await search.call(context, options.filter, options.paginationToken);
}
