/**
 * Runs the trigger the way n8n 2.x does, over real HTTP on loopback:
 * - activation/deactivation: for every webhook of the node, `webhookMethods[name].checkExists`
 *   then `create` (or `delete`) in n8n-core's HookContext, then the static data is saved
 *   (WebhookService.createWebhookIfNotExists / ActiveWorkflowManager);
 * - a request: n8n's rawBodyReader + parseBody (req.rawBody is the exact bytes, req.body the
 *   parsed JSON, 422 when JSON does not parse), then `webhook()` in n8n-core's WebhookContext
 *   with additionalData.httpRequest/httpResponse, then n8n's handling of the answer
 *   (noWebhookResponse / webhookResponse / workflowData → execution via WorkflowExecute). Static
 *   data is not saved after a request (see handle()).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Container } from '@n8n/di';
import type { Logger } from '@n8n/backend-common';
import * as n8nCore from 'n8n-core';
import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import {
	deepCopy,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type IRun,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type NodeParameterValue,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { DEFAULT_GRAPH_VERSION } from '../../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import type { TestCredentials } from './runNode';
import { makeAdditionalData } from './runNode';
import { nodeTypes, TRIGGER_NODE_TYPE } from './nodeTypes';
import { runExecutionDataFor } from './compat';
import { setupN8nCore } from './setup';

export interface LogLine {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
}

/** Every line nodes logged through `this.logger` (n8n-core's Logger from the DI container). */
export const logLines: LogLine[] = [];

/** The Logger class nodes get from the container: @n8n/backend-common's, or n8n-core's own before n8n 1.9x. */
function loggerClass(): typeof Logger {
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		return (require('@n8n/backend-common') as { Logger: typeof Logger }).Logger;
	} catch {
		return (n8nCore as unknown as { Logger: typeof Logger }).Logger;
	}
}

function installCapturingLogger(): void {
	const capture = (level: LogLine['level']) => (message: string) => void logLines.push({ level, message });
	const logger = { error: capture('error'), warn: capture('warn'), info: capture('info'), debug: capture('debug'), verbose: capture('debug'), scoped: () => logger };
	Container.set(loggerClass(), logger as unknown as Logger);
}

export interface Delivery {
	method: string;
	query: Record<string, string>;
	headers: IncomingMessage['headers'];
	rawBody: Buffer;
	status: number;
	body: string;
	/** What webhook() returned (undefined when n8n answered before calling it). */
	result?: IWebhookResponseData;
	/** The execution the delivery started, if any. */
	execution?: Promise<IRun>;
}

export interface TriggerOptions {
	parameters: Record<string, unknown>;
	credentials: TestCredentials;
	nodeName?: string;
	/** Workflow id (default: one of its own per harness, as every workflow in n8n has); the webhook path is `<webhookId>/webhook`. */
	workflowId?: string;
	webhookId?: string;
}

let harnesses = 0;

export class TriggerHarness {
	readonly node: INode;
	readonly workflowId: string;
	readonly deliveries: Delivery[] = [];
	/** The workflow's static data as n8n stores it between requests (saved only when changed). */
	storedStaticData: IDataObject = {};
	url = '';
	private server: Server | undefined;
	private readonly credentials: Record<string, ICredentialDataDecryptedObject>;
	private readonly nodeType: INodeType;

	constructor(readonly options: TriggerOptions) {
		setupN8nCore();
		installCapturingLogger();
		this.workflowId = options.workflowId ?? `trigger-workflow-${++harnesses}`;
		this.node = {
			id: 'trigger-under-test',
			name: options.nodeName ?? 'WhatsApp Trigger',
			type: TRIGGER_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: options.webhookId ?? '5f0c6b9e-1d1e-4c8a-9d61-trigger00001',
			parameters: options.parameters as Record<string, NodeParameterValue>,
			credentials: { whatsAppBusinessPlatformApi: { id: '1', name: 'WhatsApp test' } },
		};
		this.credentials = { whatsAppBusinessPlatformApi: { graphApiVersion: DEFAULT_GRAPH_VERSION, ...options.credentials } as unknown as ICredentialDataDecryptedObject };
		this.nodeType = nodeTypes.getByNameAndVersion(TRIGGER_NODE_TYPE) as INodeType;
	}

	/** Production webhook URL of the trigger (what getNodeWebhookUrl('default') returns). */
	get webhookUrl(): string {
		return `${this.url}/webhook/${this.node.webhookId}/webhook`;
	}

	async start(): Promise<this> {
		this.server = createServer((req, res) => void this.handle(req, res));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	async stop(): Promise<void> {
		await Promise.allSettled(this.deliveries.map((delivery) => delivery.execution));
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	/** Executions started so far, finished. */
	async executions(): Promise<IRun[]> {
		return await Promise.all(this.deliveries.flatMap((delivery) => (delivery.execution ? [delivery.execution] : [])));
	}

	/** Output items of every execution so far, in order. */
	async outputItems(): Promise<INodeExecutionData[][]> {
		const runs = await this.executions();
		return runs.map((run) => run.data.resultData.runData[this.node.name]?.[0]?.data?.main?.[0] ?? []);
	}

	private workflow(): Workflow {
		return new Workflow({
			id: this.workflowId,
			name: 'trigger test',
			nodes: [this.node],
			connections: {},
			nodeTypes,
			active: true,
			staticData: deepCopy(this.storedStaticData),
			settings: { executionOrder: 'v1' },
		});
	}

	private additionalData(hooks: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
		const base = this.url || 'http://127.0.0.1:5678';
		return {
			...makeAdditionalData(this.credentials, hooks),
			webhookBaseUrl: `${base}/webhook`,
			webhookTestBaseUrl: `${base}/webhook-test`,
			webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		} as IWorkflowExecuteAdditionalData;
	}

	private hooks(mode: WorkflowExecuteMode): { hooks: ExecutionLifecycleHooks; done: Promise<IRun> } {
		const hooks = new ExecutionLifecycleHooks(mode, `exec-${this.deliveries.length}`, {
			id: this.workflowId,
			name: 'trigger test',
			nodes: [this.node],
			connections: {},
			active: true,
			settings: {},
			createdAt: new Date(),
			updatedAt: new Date(),
			isArchived: false,
		} as never);
		let finished: (run: IRun) => void = () => {};
		const done = new Promise<IRun>((resolve) => (finished = resolve));
		hooks.addHandler('workflowExecuteAfter', (run) => finished(run));
		return { hooks, done };
	}

	private webhookData(name: string, additionalData: IWorkflowExecuteAdditionalData): IWebhookData {
		const description = this.nodeType.description.webhooks!.find((webhook) => webhook.name === name)!;
		return {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: this.node.name,
			path: `${this.node.webhookId}/${description.path}`,
			webhookDescription: description,
			workflowId: this.workflowId,
			workflowExecuteAdditionalData: additionalData,
		};
	}

	private saveStaticData(workflow: Workflow): void {
		if ((workflow.staticData as IDataObject).__dataChanged === true) {
			this.storedStaticData = deepCopy({ ...workflow.staticData });
			delete this.storedStaticData.__dataChanged;
		}
	}

	/** Like n8n's activation: checkExists, and create when it does not exist, for every webhook. */
	async activate(activation: WorkflowActivateMode = 'activate', mode: WorkflowExecuteMode = 'webhook'): Promise<void> {
		const workflow = this.workflow();
		const additionalData = this.additionalData(this.hooks(mode).hooks);
		for (const description of this.nodeType.description.webhooks ?? []) {
			const methods = this.nodeType.webhookMethods?.[description.name];
			if (!methods) continue;
			const context = new HookContext(workflow, this.node, additionalData, mode, activation, this.webhookData(description.name, additionalData));
			const exists = await methods.checkExists.call(context);
			if (!exists) await methods.create.call(context);
		}
		this.saveStaticData(workflow);
	}

	/** Like n8n's deactivation: delete for every webhook. */
	async deactivate(mode: WorkflowExecuteMode = 'webhook'): Promise<void> {
		const workflow = this.workflow();
		const additionalData = this.additionalData(this.hooks(mode).hooks);
		for (const description of this.nodeType.description.webhooks ?? []) {
			const methods = this.nodeType.webhookMethods?.[description.name];
			if (!methods) continue;
			const context = new HookContext(workflow, this.node, additionalData, mode, 'manual', this.webhookData(description.name, additionalData));
			await methods.delete.call(context);
		}
		this.saveStaticData(workflow);
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const delivery: Delivery = {
			method: req.method ?? 'GET',
			query: Object.fromEntries(url.searchParams.entries()),
			headers: req.headers,
			rawBody: Buffer.alloc(0),
			status: 0,
			body: '',
		};
		this.deliveries.push(delivery);
		const originalEnd = res.end.bind(res);
		const chunks: Buffer[] = [];
		res.end = ((body?: unknown, ...rest: unknown[]) => {
			if (body !== undefined && typeof body !== 'function') chunks.push(Buffer.from(body as string));
			delivery.status = res.statusCode;
			delivery.body = Buffer.concat(chunks).toString('utf8');
			return originalEnd(body as never, ...(rest as []));
		}) as typeof res.end;
		const send = (status: number, body: unknown) => {
			if (res.headersSent) return;
			const text = typeof body === 'string' ? body : JSON.stringify(body);
			res.statusCode = status;
			res.setHeader('content-type', typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8');
			res.end(text);
		};

		const description = this.nodeType.description.webhooks!.find((webhook) => webhook.httpMethod === req.method && url.pathname === `/webhook/${this.node.webhookId}/${webhook.path}`);
		if (!description) {
			send(404, { code: 404, message: `The requested webhook "${req.method} ${url.pathname}" is not registered.` });
			return;
		}

		// n8n's rawBodyReader + parseBody (packages/cli/src/middlewares/body-parser.ts).
		const request = req as IncomingMessage & IDataObject;
		const [contentType, ...parameters] = String(req.headers['content-type'] ?? '').split(';').map((part) => part.trim().toLowerCase());
		request.contentType = contentType || undefined;
		request.encoding = (parameters.find((part) => part.startsWith('charset='))?.slice(8) ?? 'utf-8') as BufferEncoding;
		request.query = delivery.query;
		request.params = {};
		request.readRawBody = async () => {
			if (!request.rawBody) {
				const parts: Buffer[] = [];
				for await (const chunk of req) parts.push(chunk as Buffer);
				request.rawBody = Buffer.concat(parts);
				request._body = true;
			}
		};
		await (request.readRawBody as () => Promise<void>)();
		delivery.rawBody = request.rawBody as Buffer;
		if (delivery.rawBody.length && contentType === 'application/json') {
			try {
				request.body = JSON.parse(delivery.rawBody.toString(request.encoding as BufferEncoding));
			} catch (error) {
				send(422, { code: 422, message: 'Failed to parse request body', hint: (error as Error).message });
				return;
			}
		} else if (delivery.rawBody.length && contentType === 'text/plain') {
			request.body = delivery.rawBody.toString(request.encoding as BufferEncoding);
		}
		request.body ??= {};

		const workflow = this.workflow();
		const { hooks, done } = this.hooks('webhook');
		const additionalData = this.additionalData(hooks);
		additionalData.httpRequest = request as never;
		additionalData.httpResponse = res as never;
		let result: IWebhookResponseData;
		try {
			const context = new WebhookContext(workflow, this.node, additionalData, 'webhook', this.webhookData(description.name, additionalData), [], null);
			result = (await this.nodeType.webhook!.call(context)) as IWebhookResponseData;
		} catch (error) {
			logLines.push({ level: 'error', message: `webhook() threw: ${(error as Error).message}` });
			send(500, { code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
			return;
		}
		delivery.result = result;
		// n8n 2.41 does not reliably save static data after a webhook (it skips the save when the workflow
		// already had some), so the harness saves none: a node relying on it would pass here and fail there.

		// n8n's handleImmediateWebhookResponse: the node answered itself, or nothing runs.
		if (result.noWebhookResponse === true && result.workflowData === undefined) return;
		if (result.workflowData === undefined) {
			send(200, result.webhookResponse !== undefined ? result.webhookResponse : { message: 'Webhook call received' });
			return;
		}
		const runExecutionData = runExecutionDataFor([{ node: this.node, data: { main: result.workflowData }, source: null }]);
		const execute = new WorkflowExecute(additionalData, 'webhook', runExecutionData);
		delivery.execution = execute.processRunExecutionData(workflow).then(async () => await done);
		// responseMode onReceived: answered once the execution has started.
		if (!result.noWebhookResponse) send(200, { message: 'Workflow was started' });
	}
}

export async function startTrigger(options: TriggerOptions): Promise<TriggerHarness> {
	return await new TriggerHarness(options).start();
}
