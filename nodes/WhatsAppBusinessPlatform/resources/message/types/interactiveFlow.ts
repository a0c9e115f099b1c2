import type { IDataObject } from 'n8n-workflow';

import { asText, fail, parseJsonParameter, requireText } from '../../../shared/validation';
import { forTypes, type MessageType, type PendingUpload } from './common';
import { readFrame } from './interactiveFrame';

const MAX_CTA = 30;

/** Screen data as an object; empty (or `{}`) means none. */
function screenData(value: unknown): IDataObject | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) return undefined;
	const data = parseJsonParameter('Screen Data (JSON)', value);
	if (!data || typeof data !== 'object' || Array.isArray(data)) fail('Screen Data (JSON)', 'must be a JSON object');
	return Object.keys(data as object).length ? (data as IDataObject) : undefined;
}

/** A WhatsApp Flow: flow_message_version 3, flow by ID or name, CTA ≤30 characters. */
export const interactiveFlow: MessageType = {
	value: 'interactiveFlow',
	name: 'Interactive: Flow',
	fields: (show) => {
		const of = forTypes(show, 'interactiveFlow');
		return [
			{
				displayName: 'Identify Flow By',
				name: 'flowIdentifyBy',
				type: 'options',
				default: 'id',
				options: [
					{ name: 'ID', value: 'id' },
					{ name: 'Name', value: 'name' },
				],
				displayOptions: { show: of },
			},
			{ displayName: 'Flow ID', name: 'flowId', type: 'string', default: '', required: true, displayOptions: { show: { ...of, flowIdentifyBy: ['id'] } } },
			{ displayName: 'Flow Name', name: 'flowName', type: 'string', default: '', required: true, displayOptions: { show: { ...of, flowIdentifyBy: ['name'] } } },
			{
				displayName: 'Flow Button Text',
				name: 'flowCta',
				type: 'string',
				default: '',
				required: true,
				description: `At most ${MAX_CTA} characters, no emoji`,
				displayOptions: { show: of },
			},
			{
				displayName: 'Flow Mode',
				name: 'flowMode',
				type: 'options',
				default: 'published',
				options: [
					{ name: 'Published', value: 'published' },
					{ name: 'Draft', value: 'draft', description: 'For testing a flow before publishing it' },
				],
				displayOptions: { show: of },
			},
			{
				displayName: 'Flow Token',
				name: 'flowToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'Your identifier for this flow session; comes back with the flow\'s answers',
				displayOptions: { show: of },
			},
			{
				displayName: 'Flow Action',
				name: 'flowAction',
				type: 'options',
				default: 'navigate',
				options: [
					{ name: 'Navigate', value: 'navigate', description: 'Open the given first screen' },
					{ name: 'Data Exchange', value: 'data_exchange', description: 'Ask your flow endpoint for the first screen' },
				],
				displayOptions: { show: of },
			},
			{ displayName: 'First Screen', name: 'flowScreen', type: 'string', default: '', required: true, displayOptions: { show: { ...of, flowAction: ['navigate'] } } },
			{ displayName: 'Screen Data (JSON)', name: 'flowData', type: 'json', default: '{}', displayOptions: { show: { ...of, flowAction: ['navigate'] } } },
		];
	},
	build: async (read) => {
		const uploads: PendingUpload[] = [];
		const frame = await readFrame(read, uploads);
		const parameters: IDataObject = { flow_message_version: '3' };
		if (read.get('flowIdentifyBy', 'id') === 'name') parameters.flow_name = requireText('Flow Name', read.get('flowName', ''), 200);
		else {
			const flowId = asText('Flow ID', read.get('flowId', '')).trim();
			if (!/^\d{1,30}$/.test(flowId)) fail('Flow ID', `"${flowId}" is not a Flow ID (a number)`);
			parameters.flow_id = flowId;
		}
		parameters.flow_cta = requireText('Flow Button Text', read.get('flowCta', ''), MAX_CTA);
		// Meta's default is published, so only a draft is said.
		if (read.get('flowMode', 'published') === 'draft') parameters.mode = 'draft';
		const token = asText('Flow Token', read.get('flowToken', '')).trim();
		if (token) parameters.flow_token = token;
		parameters.flow_action = read.get('flowAction', 'navigate');
		if (parameters.flow_action === 'navigate') {
			const payload: IDataObject = { screen: requireText('First Screen', read.get('flowScreen', ''), 200) };
			const data = screenData(read.get('flowData', '{}'));
			if (data !== undefined) payload.data = data;
			parameters.flow_action_payload = payload;
		}
		return { type: 'interactive', content: { type: 'flow', ...frame, action: { name: 'flow', parameters } }, uploads };
	},
};
