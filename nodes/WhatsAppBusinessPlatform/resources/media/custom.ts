import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** Operations of the Media resource that run as custom operations (see the file comments). */
export const mediaCustomOperations: Record<string, (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>> = {};
