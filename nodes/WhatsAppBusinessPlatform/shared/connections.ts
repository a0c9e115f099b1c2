import { NodeConnectionTypes, type NodeConnectionType } from 'n8n-workflow';

/**
 * The main connection of all three nodes. `NodeConnectionTypes` first exists in n8n-workflow 1.83.0
 * (n8n 1.85); n8n 1.82–1.84 ship an n8n-workflow without it and know the connection only by its value,
 * so reading `.Main` there would stop the nodes from loading. Where the enum exists it is used.
 */
export const MAIN_CONNECTION: NodeConnectionType = (NodeConnectionTypes as Partial<typeof NodeConnectionTypes> | undefined)?.Main ?? 'main';
