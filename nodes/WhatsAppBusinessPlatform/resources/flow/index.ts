import type { INodeProperties } from 'n8n-workflow';

import { perItemOperations } from '../../shared/customOperation';
import { create, createFlow } from './create';
import { deleteDraft, deleteFlow } from './delete';
import { deprecate, deprecateFlow } from './deprecate';
import { get, getFlow } from './get';
import { getAll, getAllFlows } from './getAll';
import { getFlowMetrics, getMetrics } from './getMetrics';
import { getFlowPreviewUrl, getPreviewUrl } from './getPreviewUrl';
import { publish, publishFlow } from './publish';
import { update, updateFlow } from './update';
import { uploadFlowJsonFields, uploadJson } from './uploadJson';

export const flowDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['flow'] } },
		default: 'getAll',
		options: [
			{ name: 'Create', value: 'create', action: 'Create a flow', description: 'Create a Flow, optionally with its Flow JSON, and publish it right away if wanted' },
			{ name: 'Delete', value: 'delete', action: 'Delete a flow', description: 'Delete a draft Flow' },
			{ name: 'Deprecate', value: 'deprecate', action: 'Deprecate a flow', description: 'Retire a published Flow so it can no longer be sent' },
			{ name: 'Get', value: 'get', action: 'Get a flow', description: 'Read a Flow\'s details, status and validation errors' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many flows', description: 'List the Flows of an account' },
			{ name: 'Get Metrics', value: 'getMetrics', action: 'Get metrics of a flow', description: 'Read a Flow endpoint\'s requests, errors, latency or availability over time' },
			{ name: 'Get Preview URL', value: 'getPreviewUrl', action: 'Get the preview URL of a flow', description: 'Get a link that shows the Flow in a web preview' },
			{ name: 'Publish', value: 'publish', action: 'Publish a flow', description: 'Make a draft Flow sendable (its JSON can no longer change)' },
			{ name: 'Update', value: 'update', action: 'Update a flow', description: 'Change a Flow\'s name, categories or endpoint' },
			{ name: 'Upload Flow JSON', value: 'uploadJson', action: 'Upload the flow JSON of a flow', description: 'Replace a draft Flow\'s screens with Flow JSON from a field or a file; Meta\'s problems come back with line and column' },
		],
	},
	...createFlow,
	...getFlow,
	...getAllFlows,
	...updateFlow,
	...uploadFlowJsonFields,
	...publishFlow,
	...deprecateFlow,
	...deleteFlow,
	...getFlowPreviewUrl,
	...getFlowMetrics,
];

// Flow JSON uploads are multipart files (from a field or binary data), so Flows run as code.
export const flowCustomOperations = perItemOperations({ create, get, getAll, update, uploadJson, publish, deprecate, delete: deleteDraft, getPreviewUrl, getMetrics });
