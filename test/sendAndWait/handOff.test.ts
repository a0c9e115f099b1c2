import type { IDataObject } from 'n8n-workflow';

import { decodeReference, encodeReference } from '../../nodes/WhatsAppBusinessPlatform/resources/message/sendAndWait/reference';
import { takeTaps } from '../../nodes/WhatsAppBusinessPlatformTrigger/answerHandOff';
import { sendWebhook } from '../emulator/webhookSender';
import { contact, entry, change, messageBuilders, messagesValue, notification, type Json } from '../emulator/webhookEvents';
import { SEND_AND_WAIT_NODE_TYPE } from '../harness/nodeTypes';
import { runNode } from '../harness/runNode';
import type { TriggerHarness } from '../harness/runWebhook';
import { byId, describeWithSignedResumeUrls, useEmulator } from '../helpers';
import { clearLogs, itemsOf, manualTrigger, warnings } from '../trigger/helpers';

const env = useEmulator();
const CUSTOMER = '16505551234';

/** Asks an approval question through the emulator and returns its two button IDs and the question's wamid. */
async function askApproval(options: Record<string, unknown> = {}): Promise<{ approve: string; decline: string; questionId: string }> {
	const run = await runNode({
		executionId: '4711',
		nodeType: SEND_AND_WAIT_NODE_TYPE,
		credentials: env.credentials,
		parameters: { resource: 'message', operation: 'sendAndWait', phoneNumberId: byId(env.emulator.ids.phoneNumberId), to: CUSTOMER, message: 'Refund?', options: { checkTrigger: false, ...options } },
	});
	expect(run.error).toBeUndefined();
	const accepted = env.emulator.state.acceptedMessages.at(-1)!;
	const [approve, decline] = (accepted.body.interactive as Json as { action: { buttons: Array<{ reply: { id: string } }> } }).action.buttons.map((button) => button.reply.id);
	return { approve, decline, questionId: accepted.id };
}

function tapPayload(id: string, questionMessageId: string, extraMessages: Json[] = []): Json {
	const tap = messageBuilders.buttonReply({ from: CUSTOMER, context: { from: '15550100001', id: questionMessageId }, interactive: { type: 'button_reply', button_reply: { id, title: 'Approve' } } });
	const value = messagesValue({ messages: [tap, ...extraMessages], contacts: [contact(CUSTOMER, 'Ana')], ids: { wabaId: env.emulator.ids.wabaId, phoneNumberId: env.emulator.ids.phoneNumberId, displayPhoneNumber: '15550100001' } });
	return notification([entry(env.emulator.ids.wabaId, [change('messages', value)])]);
}

const repliesTo = (messageId: unknown) =>
	env.emulator.state.acceptedMessages.filter((message) => message.body.type === 'text' && (message.body.context as Json | undefined)?.message_id === messageId).map((message) => (message.body.text as Json).body);

describeWithSignedResumeUrls('the trigger hands taps on send-and-wait questions to the waiting execution', () => {
	let trigger: TriggerHarness;
	beforeAll(async () => {
		trigger = await manualTrigger(env.credentials, { events: ['messages'] });
	});
	afterAll(async () => await trigger.stop());
	beforeEach(() => clearLogs());

	it('calls n8n\'s resume URL for the tapped option with the answer signed by the app secret, and starts no workflow', async () => {
		const { approve, questionId } = await askApproval();
		const payload = tapPayload(approve, questionId);
		const before = trigger.deliveries.length;
		const response = await sendWebhook(trigger.webhookUrl, payload, { appSecret: env.emulator.ids.appSecret });
		expect(response.status).toBe(200);
		const [delivery, resumeCall] = trigger.deliveries.slice(before);
		expect(delivery.execution).toBeUndefined();
		const reference = decodeReference(approve, env.emulator.ids.appSecret);
		if (!reference.ok) throw new Error(reference.reason);
		expect(resumeCall.method).toBe('POST');
		expect(resumeCall.query).toEqual({ q: reference.reference.questionId, o: 'a', x: '0', signature: reference.reference.signature });
		expect(resumeCall.headers['x-whatsapp-answer-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
		expect(resumeCall.headers['content-type']).toBe('application/json');
		// The harness has no waiting execution (404), so, as for an answered question, the customer is told.
		const tapId = ((payload.entry as Json[])[0] as any).changes[0].value.messages[0].id;
		expect(repliesTo(tapId)).toEqual([expect.stringMatching(/already been answered/)]);
	});

	it('an expired question gets a polite reply and n8n is not called', async () => {
		const { approve, questionId } = await askApproval();
		const decoded = decodeReference(approve, env.emulator.ids.appSecret);
		if (!decoded.ok) throw new Error(decoded.reason);
		const expired = encodeReference({ ...decoded.reference, expiresAt: Math.floor(Date.now() / 1000) - 5 }, env.emulator.ids.appSecret);
		const payload = tapPayload(expired, questionId);
		const before = trigger.deliveries.length;
		await sendWebhook(trigger.webhookUrl, payload, { appSecret: env.emulator.ids.appSecret });
		expect(trigger.deliveries.length).toBe(before + 1);
		expect(repliesTo(((payload.entry as Json[])[0] as any).changes[0].value.messages[0].id)).toEqual([expect.stringMatching(/expired/)]);
	});

	it('a forged ID is logged and dropped: no call to n8n, no reply, no workflow run', async () => {
		const { approve, questionId } = await askApproval();
		const forged = approve.replace(/\|a\|/, '|d|');
		const payload = tapPayload(forged, questionId);
		const before = trigger.deliveries.length;
		const repliesBefore = env.emulator.state.acceptedMessages.length;
		await sendWebhook(trigger.webhookUrl, payload, { appSecret: env.emulator.ids.appSecret });
		expect(trigger.deliveries.length).toBe(before + 1);
		expect(trigger.deliveries.at(-1)!.execution).toBeUndefined();
		expect(env.emulator.state.acceptedMessages.length).toBe(repliesBefore);
		expect(warnings()).toEqual([expect.stringMatching(/ignored a button reply from 16505551234: the reference is not signed with this app's secret\. Nothing was resumed/)]);
	});

	it('other messages in the same delivery still start the workflow, without the tap', async () => {
		const { approve, questionId } = await askApproval();
		const text = messageBuilders.text({ from: CUSTOMER, text: { body: 'and one more thing' } });
		const ordinaryButton = messageBuilders.buttonReply({ from: CUSTOMER });
		await sendWebhook(trigger.webhookUrl, tapPayload(approve, questionId, [text, ordinaryButton]), { appSecret: env.emulator.ids.appSecret });
		const started = trigger.deliveries.find((delivery) => delivery.execution && delivery.rawBody.includes('and one more thing'))!;
		const items = await itemsOf(trigger, started);
		expect(items?.map((item) => item.type)).toEqual(['text', 'interactive']);
		expect(items?.[1].interactive).toEqual(expect.objectContaining({ button_reply: { id: 'confirm-yes', title: 'Yes' } }));
	});

	it('a redelivered tap (same wamid) is dropped: no second call to n8n, no second reply', async () => {
		const { approve, questionId } = await askApproval();
		const payload = tapPayload(approve, questionId);
		const tapId = ((payload.entry as Json[])[0] as any).changes[0].value.messages[0].id;
		await sendWebhook(trigger.webhookUrl, payload, { appSecret: env.emulator.ids.appSecret });
		const before = trigger.deliveries.length;
		const again = await sendWebhook(trigger.webhookUrl, payload, { appSecret: env.emulator.ids.appSecret });
		expect(again.status).toBe(200);
		expect(trigger.deliveries.length).toBe(before + 1);
		expect(trigger.deliveries.at(-1)!.execution).toBeUndefined();
		expect(repliesTo(tapId)).toHaveLength(1);
	});

	it('takeTaps leaves payloads without taps untouched and drops a change it emptied', () => {
		const plain = tapPayload('confirm-yes', 'wamid.x');
		const copy = JSON.parse(JSON.stringify(plain));
		expect(takeTaps(plain as IDataObject)).toEqual([]);
		expect(plain).toEqual(copy);
		const onlyTap = tapPayload('n8nwa1|1|n|q|a|0|s|m', 'wamid.x');
		expect(takeTaps(onlyTap as IDataObject)).toHaveLength(1);
		expect(((onlyTap.entry as Json[])[0] as any).changes).toEqual([]);
	});
});
