import { WAIT_INDEFINITELY } from 'n8n-workflow';

import { decodeReference } from '../../nodes/WhatsAppBusinessPlatform/resources/message/sendAndWait/reference';
import { SEND_AND_WAIT_NODE_TYPE } from '../harness/nodeTypes';
import { runNode } from '../harness/runNode';
import { byId, describeWithSignedResumeUrls, useEmulator } from '../helpers';
import { manualTrigger } from '../trigger/helpers';

const env = useEmulator();

function ask(parameters: Record<string, unknown>, credentials = env.credentials) {
	return runNode({
		executionId: '4711',
		nodeType: SEND_AND_WAIT_NODE_TYPE,
		credentials,
		items: [{ json: { orderId: 1042 } }],
		parameters: {
			resource: 'message',
			operation: 'sendAndWait',
			phoneNumberId: byId(env.emulator.ids.phoneNumberId),
			to: '+1 650 555 1234',
			message: 'Refund €120 for order 1042?',
			...parameters,
			options: { checkTrigger: false, ...((parameters.options as object) ?? {}) },
		},
	});
}

const lastBody = () => env.emulator.state.acceptedMessages.at(-1)!.body as Record<string, any>;
/** What the node leaves for n8n to output if nobody answers (the waiting node's input, swapped). */
const noAnswerOf = (run: Awaited<ReturnType<typeof ask>>) => run.run.data.executionData?.nodeExecutionStack[0]?.data.main[0]?.[0]?.json as Record<string, any>;

describeWithSignedResumeUrls('send and wait: the question', () => {
	it('approval: two reply buttons whose IDs are signed references to this execution and node; the execution waits', async () => {
		const result = await ask({ responseType: 'approval', approvalOptions: { values: { approvalType: 'double', approveLabel: 'Yes', disapproveLabel: 'No' } }, options: { footerText: 'Order 1042' } });
		expect(result.error).toBeUndefined();
		expect(result.run.waitTill).toEqual(WAIT_INDEFINITELY);
		const body = lastBody();
		expect(body).toEqual(expect.objectContaining({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505551234', type: 'interactive' }));
		expect(body.interactive.body).toEqual({ text: 'Refund €120 for order 1042?' });
		expect(body.interactive.footer).toEqual({ text: 'Order 1042' });
		const buttons = body.interactive.action.buttons.map((button: any) => button.reply);
		expect(buttons.map((button: any) => button.title)).toEqual(['Yes', 'No']);
		const decoded = buttons.map((button: any) => decodeReference(button.id, env.emulator.ids.appSecret));
		expect(decoded).toEqual([
			{ ok: true, reference: expect.objectContaining({ executionId: '4711', nodeIdPath: 'node-under-test', option: 'a', expiresAt: 0 }) },
			{ ok: true, reference: expect.objectContaining({ executionId: '4711', nodeIdPath: 'node-under-test', option: 'd', expiresAt: 0 }) },
		]);
		expect(decoded[0].reference.questionId).toBe(decoded[1].reference.questionId);
		expect(noAnswerOf(result)).toEqual(
			expect.objectContaining({ answered: false, approved: false, questionId: decoded[0].reference.questionId, messageId: env.emulator.state.acceptedMessages.at(-1)!.id, to: '16505551234' }),
		);
	});

	it('asks a customer known only by their business-scoped user ID', async () => {
		const result = await ask({ to: 'US.13491208655302741918' });
		expect(result.error).toBeUndefined();
		expect(lastBody()).toEqual(expect.objectContaining({ recipient: 'US.13491208655302741918', recipient_type: 'individual' }));
		expect(lastBody().to).toBeUndefined();
		expect(noAnswerOf(result).to).toBe('US.13491208655302741918');
	});

	it('approve only: one button', async () => {
		await ask({ responseType: 'approval', approvalOptions: { values: { approvalType: 'single' } } });
		expect(lastBody().interactive.action.buttons.map((button: any) => button.reply.title)).toEqual(['Approve']);
	});

	it('choice: buttons up to 3, a list up to 10 with descriptions; every option a fresh reference of one question', async () => {
		const choices = (n: number) => ({ values: Array.from({ length: n }, (_, i) => ({ title: `Option ${i + 1}`, value: `v${i + 1}`, description: `About ${i + 1}` })) });
		await ask({ responseType: 'choice', choiceStyle: 'buttons', choices: choices(3) });
		expect(lastBody().interactive.type).toBe('button');
		const listRun = await ask({ responseType: 'choice', choiceStyle: 'list', listButtonText: 'Pick', choices: choices(10), options: { headerText: 'Delivery' } });
		expect(listRun.error).toBeUndefined();
		const list = lastBody().interactive;
		expect(list).toEqual(expect.objectContaining({ type: 'list', header: { type: 'text', text: 'Delivery' } }));
		expect(list.action.button).toBe('Pick');
		const rows = list.action.sections[0].rows;
		expect(rows).toHaveLength(10);
		expect(rows[9]).toEqual(expect.objectContaining({ title: 'Option 10', description: 'About 10' }));
		expect(rows.map((row: any) => (decodeReference(row.id, env.emulator.ids.appSecret) as any).reference.option)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

		const tooMany = await ask({ responseType: 'choice', choiceStyle: 'buttons', choices: choices(4) });
		expect(tooMany.error?.message).toMatch(/Choices: needs between 1 and 3 entries \(got 4\)/);
		const tooLong = await ask({ responseType: 'choice', choiceStyle: 'buttons', choices: { values: [{ title: 'A title much longer than twenty' }] } });
		expect(tooLong.error?.message).toMatch(/Button 1 Title: is 31 characters long; the limit is 20/);
	});

	it('free text: a CTA URL button to the signed resume URL of this execution (n8n\'s form page)', async () => {
		await ask({ responseType: 'freeText', options: { messageButtonLabel: 'Answer' } });
		const { interactive } = lastBody();
		expect(interactive.type).toBe('cta_url');
		expect(interactive.action.parameters.display_text).toBe('Answer');
		const url = new URL(interactive.action.parameters.url);
		expect(url.pathname).toBe('/webhook-waiting/4711/node-under-test');
		expect(url.searchParams.get('o')).toBe('f');
		expect(url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
	});

	it('limit wait time: after an interval or at a date; the references carry the expiry', async () => {
		const t0 = Date.now();
		const run = await ask({ responseType: 'approval', options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'hours' } } } });
		const waitTill = run.run.waitTill!.getTime();
		expect(waitTill).toBeGreaterThanOrEqual(t0 + 2 * 3_600_000);
		expect(waitTill).toBeLessThan(Date.now() + 2 * 3_600_000 + 1000);
		const reference = (decodeReference(lastBody().interactive.action.buttons[0].reply.id, env.emulator.ids.appSecret) as any).reference;
		expect(reference.expiresAt).toBe(Math.ceil(waitTill / 1000));
		expect(noAnswerOf(run).reason).toMatch(/No answer before the wait time ran out/);

		const at = await ask({ responseType: 'approval', options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2030-01-02T03:04:05Z' } } } });
		expect(at.run.waitTill).toEqual(new Date('2030-01-02T03:04:05Z'));
		const bad = await ask({ responseType: 'approval', options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: 'soon' } } } });
		expect(bad.error?.message).toMatch(/"soon" is not a date and time/);
	});

	it('refuses without an App Secret, and names a bad recipient, before sending', async () => {
		const before = env.emulator.state.acceptedMessages.length;
		const noSecret = await ask({ responseType: 'approval' }, { ...env.credentials, appSecret: '' });
		expect(noSecret.error?.message).toBe('The credential has no App Secret');
		const badRecipient = await ask({ to: 'call me' });
		expect(badRecipient.error?.message).toMatch(/^Recipient Phone Number or User ID: "call me" is not a phone number/);
		expect(env.emulator.state.acceptedMessages.length).toBe(before);
	});
});

describeWithSignedResumeUrls('send and wait: the check for an active trigger', () => {
	const withCheck = (parameters: Record<string, unknown> = {}) => ask({ responseType: 'approval', options: { checkTrigger: true }, ...parameters });

	it('says so when no webhook receives the number\'s messages, and sends nothing', async () => {
		const before = env.emulator.state.acceptedMessages.length;
		const result = await withCheck();
		expect(result.error?.message).toBe('No webhook receives this number\'s messages, so the answer could not reach this execution');
		expect(result.error?.description).toMatch(/Publish a workflow with a WhatsApp Business Platform Trigger/);
		expect(env.emulator.state.acceptedMessages.length).toBe(before);
	});

	it('passes when the callback answers the handshake as an active trigger; fails when nothing is there', async () => {
		const trigger = await manualTrigger(env.credentials, { events: ['messages'] });
		const waba = env.emulator.state.get(env.emulator.ids.wabaId)!;
		const saved = waba.subscribedApps;
		try {
			waba.subscribedApps = [{ whatsapp_business_api_data: { id: env.emulator.ids.appId }, override_callback_uri: trigger.webhookUrl }];
			expect((await withCheck()).error).toBeUndefined();

			waba.subscribedApps = [{ whatsapp_business_api_data: { id: env.emulator.ids.appId }, override_callback_uri: `${trigger.url}/webhook/not-published/webhook` }];
			const missing = await withCheck();
			expect(missing.error?.message).toBe('No active WhatsApp Business Platform Trigger receives this number\'s messages');
			expect(missing.error?.description).toMatch(/but it answered 404|nothing is active there/);

			waba.subscribedApps = [{ whatsapp_business_api_data: { id: env.emulator.ids.appId }, override_callback_uri: trigger.webhookUrl }];
			const otherToken = await ask({ responseType: 'approval', options: { checkTrigger: true } }, { ...env.credentials, verifyToken: 'another-token' });
			expect(otherToken.error?.description).toMatch(/refused the verify token/);
		} finally {
			waba.subscribedApps = saved;
			await trigger.stop();
		}
	});
});
