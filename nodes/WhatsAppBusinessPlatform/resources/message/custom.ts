import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** Operations of the Message resource that run as custom operations (see the file comments). */
export const messageCustomOperations: Record<string, (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>> = {};
