import type { IDataObject } from 'n8n-workflow';

import { fail, LIMITS, requireText } from '../../../shared/messageValidation';
import type { BuiltContent, PendingUpload } from './common';
import { interactiveFrame, type InteractiveFrame } from './interactiveCommon';

export interface FlowInput extends InteractiveFrame {
	identifyBy: 'id' | 'name';
	flowId?: unknown;
	flowName?: unknown;
	cta: unknown;
	mode?: 'published' | 'draft';
	flowToken?: unknown;
	action?: 'navigate' | 'data_exchange';
	screen?: unknown;
	data?: unknown;
}

/** A WhatsApp Flow: flow_message_version 3, flow by ID or name, CTA ≤30 characters. */
export function buildInteractiveFlow(input: FlowInput): BuiltContent {
	const uploads: PendingUpload[] = [];
	const frame = interactiveFrame(input, uploads);
	const parameters: IDataObject = { flow_message_version: '3' };
	if (input.identifyBy === 'name') parameters.flow_name = requireText('Flow Name', input.flowName, 200);
	else {
		const flowId = String(input.flowId ?? '').trim();
		if (!/^\d+$/.test(flowId)) fail('Flow ID', `"${flowId}" is not a Flow ID (a number)`);
		parameters.flow_id = flowId;
	}
	parameters.flow_cta = requireText('Flow Button Text', input.cta, LIMITS.flowCta);
	parameters.mode = input.mode ?? 'published';
	const token = String(input.flowToken ?? '').trim();
	if (token) parameters.flow_token = token;
	parameters.flow_action = input.action ?? 'navigate';
	if (parameters.flow_action === 'navigate') {
		const payload: IDataObject = { screen: requireText('First Screen', input.screen, 200) };
		const data = parseData(input.data);
		if (data !== undefined) payload.data = data;
		parameters.flow_action_payload = payload;
	}
	return { type: 'interactive', content: { type: 'flow', ...frame, action: { name: 'flow', parameters } }, uploads };
}

function parseData(value: unknown): IDataObject | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let data = value;
	if (typeof value === 'string') {
		try {
			data = JSON.parse(value);
		} catch (error) {
			fail('Screen Data (JSON)', `is not valid JSON: ${(error as Error).message}`);
		}
	}
	if (!data || typeof data !== 'object' || Array.isArray(data)) fail('Screen Data (JSON)', 'must be a JSON object');
	if (Object.keys(data as object).length === 0) return undefined;
	return data as IDataObject;
}
