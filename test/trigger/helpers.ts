import { logLines, startTrigger, type Delivery, type TriggerHarness } from '../harness/runWebhook';
import type { TestCredentials } from '../harness/runNode';
import { sendWebhook } from '../emulator/webhookSender';
import { fixture } from './fixtures';
import { EVENT_OPTIONS } from '../../nodes/WhatsAppBusinessPlatformTrigger/events';

export const ALL_EVENT_VALUES = EVENT_OPTIONS.map((option) => String(option.value));

export async function manualTrigger(credentials: TestCredentials, parameters: Record<string, unknown> = {}): Promise<TriggerHarness> {
	return await startTrigger({ parameters: { subscriptionMode: 'manual', events: ALL_EVENT_VALUES, ...parameters }, credentials });
}

/** Sends a stored fixture's exact bytes with its recorded signature (or overrides). */
export async function deliverFixture(trigger: TriggerHarness, name: string, options: { signature?: string | null; headers?: Record<string, string>; rawBody?: Buffer } = {}) {
	const stored = fixture(name);
	const response = await sendWebhook(trigger.webhookUrl, undefined, {
		rawBody: options.rawBody ?? stored.raw,
		signature: options.signature === undefined ? stored.signature : options.signature,
		headers: options.headers,
	});
	return { response, delivery: trigger.deliveries[trigger.deliveries.length - 1], stored };
}

/** Output items of the execution a delivery started ([] and no execution when it started none). */
export async function itemsOf(trigger: TriggerHarness, delivery: Delivery) {
	if (!delivery.execution) return undefined;
	const run = await delivery.execution;
	return (run.data.resultData.runData[trigger.node.name]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json as Record<string, any>);
}

export function warnings(): string[] {
	return logLines.filter((line) => line.level === 'warn' || line.level === 'error').map((line) => line.message);
}

export function clearLogs(): void {
	logLines.length = 0;
}
