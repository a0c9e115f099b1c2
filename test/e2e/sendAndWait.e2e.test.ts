/**
 * Message → Send and Wait for Response in a real n8n: the question goes out through the emulator, the execution
 * waits in n8n's database, the customer's tap arrives as a signed `messages` webhook at the published trigger,
 * and the trigger hands it to the waiting execution through n8n's own resume URL.
 */
import { decodeReference, encodeReference } from '../../nodes/WhatsAppBusinessPlatform/resources/message/sendAndWait/reference';
import { CUSTOMER } from '../emulator/webhookEvents';
import { byId, loadExamples, N8N_LINE, NODE, sleep, triggerWorkflow, useN8n, type Json } from './support';

const ASK = `${NODE}SendAndWait`;

const e2e = useN8n();
const TO = CUSTOMER.waId;

function ask(name: string, parameters: Json): Json {
	return e2e.manualWorkflow(name, [
		{
			name: 'Ask',
			type: ASK,
			parameters: { resource: 'message', operation: 'sendAndWait', phoneNumberId: byId(e2e.emulator.ids.phoneNumberId), to: TO, ...parameters },
		},
	]);
}

async function status(executionId: string): Promise<Json> {
	return await e2e.n8n.api('GET', `/executions/${executionId}?includeData=true`);
}

async function waitForStatus(executionId: string, wanted: string[], timeoutMs = 30_000): Promise<Json> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		let execution: Json | undefined;
		try {
			execution = await status(executionId);
		} catch (error) {
			if ((error as { status?: number }).status !== 404) throw error;
		}
		if (execution && wanted.includes(execution.status)) return execution;
		if (Date.now() > deadline) throw new Error(`execution ${executionId} is ${execution?.status ?? 'missing'}, not ${wanted.join('/')}, after ${timeoutMs} ms`);
		await sleep(50);
	}
}

/** Starts the workflow and returns once its execution waits for the answer. */
async function startWaiting(workflow: Json): Promise<{ executionId: string; question: Json }> {
	const before = e2e.emulator.state.acceptedMessages.length;
	const wf = await e2e.n8n.createWorkflow(workflow);
	const executionId = await e2e.n8n.runManual(wf.id, 'Start');
	const execution = await waitForStatus(executionId, ['waiting', 'error', 'success']);
	const runData = execution.data.resultData.runData as Json;
	expect(runData.Ask?.[0]?.error?.message ?? execution.status).toBe('waiting');
	const question = e2e.emulator.state.acceptedMessages.slice(before).find((message) => message.body.type === 'interactive');
	expect(question).toBeDefined();
	return { executionId, question: question! };
}

async function tap(body: Json): Promise<Json> {
	const response = await fetch(`${e2e.emulator.url}/_emulator/tap`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return (await response.json()) as Json;
}

const askOutput = (execution: Json): Json[] => (execution.data.resultData.runData.Ask?.at(-1)?.data?.main?.[0] ?? []).map((item: Json) => item.json);
const repliesTo = (messageId: string) =>
	e2e.emulator.state.acceptedMessages.filter((message) => message.body.type === 'text' && (message.body.context as Json | undefined)?.message_id === messageId);

describe('send and wait for a response, in real n8n', () => {
	let triggerWorkflowId: string;

	it('refuses to ask while no active trigger receives the number\'s messages', async () => {
		const wf = await e2e.n8n.createWorkflow(ask('no trigger yet', { message: 'Refund?' }));
		const executionId = await e2e.n8n.runManual(wf.id, 'Start');
		const execution = await waitForStatus(executionId, ['error', 'success', 'waiting']);
		expect(execution.status).toBe('error');
		expect(execution.data.resultData.runData.Ask[0].error.message).toMatch(/No webhook receives this number's messages/);
		expect(e2e.emulator.state.acceptedMessages.filter((message) => message.body.type === 'interactive')).toHaveLength(0);
	});

	it('n8n offers the node to AI agents as a tool and as a human-review tool', async () => {
		const names = (await e2e.n8n.nodeTypeNames()) as string[];
		// n8n 1.x has no human-review tools.
		expect(names).toEqual(expect.arrayContaining([ASK, `${ASK}Tool`, ...(N8N_LINE === 2 ? [`${ASK}HitlTool`] : [])]));
	});

	it('publishes the trigger for the number', async () => {
		const { workflow } = triggerWorkflow(e2e.credential, 'answers arrive here', { subscriptionMode: 'automatic', wabaId: byId(e2e.emulator.ids.wabaId), events: ['messages'] });
		const wf = await e2e.n8n.createWorkflow(workflow);
		triggerWorkflowId = wf.id;
		await e2e.n8n.publish(wf.id);
	});

	it('approval: the tap resumes the waiting execution with approved: true within 2 s; a second tap resumes nothing and gets a polite reply', async () => {
		const { executionId, question } = await e2e.timed('approval: ask and wait', () =>
			startWaiting(ask('approve a refund', { message: 'Refund €120 for order 1042?', responseType: 'approval', approvalOptions: { values: { approvalType: 'double', approveLabel: 'Yes, refund', disapproveLabel: 'No' } } })),
		);
		const interactive = question.body.interactive as Json;
		expect(interactive.type).toBe('button');
		expect(interactive.body).toEqual({ text: 'Refund €120 for order 1042?' });
		expect(interactive.action.buttons.map((button: Json) => button.reply.title)).toEqual(['Yes, refund', 'No']);
		expect(interactive.action.buttons[0].reply.id).toMatch(/^n8nwa1\|/);

		const t0 = Date.now();
		const delivered = await tap({ option: 'Yes, refund' });
		expect(delivered).toEqual(expect.objectContaining({ delivered: true, callbackStatus: 200 }));
		const done = await waitForStatus(executionId, ['success', 'error'], 10_000);
		const resumedMs = Date.now() - t0;
		e2e.timings.push(['approval: tap → execution finished', resumedMs]);
		expect(done.status).toBe('success');
		expect(resumedMs).toBeLessThan(2000);
		expect(askOutput(done)).toEqual([
			expect.objectContaining({ answered: true, approved: true, respondedBy: TO, messageId: question.id, replyMessageId: expect.stringMatching(/^wamid\./), respondedAt: expect.any(String) }),
		]);

		// Replay: the same button again resumes nothing; the customer is told.
		const again = await tap({ messageId: question.id, option: 'No' });
		expect(again.callbackStatus).toBe(200);
		expect(repliesTo(String(again.payload.entry[0].changes[0].value.messages[0].id))).toEqual([
			expect.objectContaining({ to: TO, body: expect.objectContaining({ text: { body: expect.stringMatching(/already been answered/) } }) }),
		]);
		expect(askOutput(await status(executionId))[0].approved).toBe(true);
		// Taps never start the trigger's own workflow.
		expect(await e2e.n8n.listExecutions(triggerWorkflowId)).toEqual([]);
	});

	it('a forged button id resumes nothing; the real decline then resumes with approved: false', async () => {
		const { executionId, question } = await startWaiting(ask('forged', { message: 'Refund?', responseType: 'approval' }));
		const buttons = (question.body.interactive as Json).action.buttons as Json[];
		const approveId = String(buttons[0].reply.id);
		const declineId = String(buttons[1].reply.id);
		// Another question's option with this question's MAC, a flipped option, and n8n's signature from the decline button.
		const parts = approveId.split('|');
		const flipped = [...parts.slice(0, 4), 'd', ...parts.slice(5)].join('|');
		const spliced = [...parts.slice(0, 6), declineId.split('|')[6], parts[7]].join('|');
		// Signed with the app secret (as if it leaked) but carrying the decline's n8n signature for "approve": n8n refuses it.
		const secret = e2e.emulator.ids.appSecret;
		const decline = decodeReference(declineId, secret);
		if (!decline.ok) throw new Error(decline.reason);
		const resigned = encodeReference({ ...decline.reference, option: 'a' }, secret);
		for (const id of [flipped, spliced, 'n8nwa1|1|x|y|a|0|z|w', resigned]) {
			const result = await tap({ messageId: question.id, option: 1, id });
			expect(result.callbackStatus).toBe(200);
		}
		await sleep(1500);
		expect((await status(executionId)).status).toBe('waiting');

		await tap({ messageId: question.id, option: 'Decline' });
		const done = await waitForStatus(executionId, ['success', 'error'], 10_000);
		expect(askOutput(done)).toEqual([expect.objectContaining({ answered: true, approved: false })]);
	});

	it('choice as a list: resumes with the chosen value and title', async () => {
		const choices = { values: ['Monday', 'Tuesday', 'Wednesday', 'Thursday'].map((day, index) => ({ title: day, value: `slot-${index + 1}`, description: `${day} 10:00` })) };
		const { executionId, question } = await startWaiting(ask('pick a slot', { message: 'When shall we deliver?', responseType: 'choice', choiceStyle: 'list', listButtonText: 'Pick a day', choices }));
		const interactive = question.body.interactive as Json;
		expect(interactive.type).toBe('list');
		expect(interactive.action.sections[0].rows.map((row: Json) => row.title)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday']);
		const t0 = Date.now();
		await tap({ messageId: question.id, option: 'Wednesday' });
		const done = await waitForStatus(executionId, ['success', 'error'], 10_000);
		e2e.timings.push(['list choice: tap → execution finished', Date.now() - t0]);
		expect(askOutput(done)).toEqual([expect.objectContaining({ answered: true, choice: { value: 'slot-3', title: 'Wednesday', index: 2 }, respondedBy: TO })]);
	});

	it('free text: the CTA button opens n8n\'s form page for the waiting execution; submitting it resumes with the text', async () => {
		const { executionId, question } = await startWaiting(ask('why', { message: 'Why do you want a refund?', responseType: 'freeText', options: { messageButtonLabel: 'Answer' } }));
		const interactive = question.body.interactive as Json;
		expect(interactive.type).toBe('cta_url');
		expect(interactive.action.parameters.display_text).toBe('Answer');
		const formUrl = String(interactive.action.parameters.url);
		expect(formUrl).toContain(`/webhook-waiting/${executionId}/`);
		const form = await fetch(formUrl);
		expect(form.status).toBe(200);
		expect(await form.text()).toContain('Why do you want a refund?');
		const data = new FormData();
		data.set('field-0', 'It arrived broken');
		const submitted = await fetch(formUrl, { method: 'POST', body: data });
		expect(submitted.status).toBe(200);
		const done = await waitForStatus(executionId, ['success', 'error'], 10_000);
		expect(askOutput(done)).toEqual([expect.objectContaining({ answered: true, text: 'It arrived broken' })]);
	});

	it('the sandbox example "approve a refund over WhatsApp": the manager taps Approve refund, the customer\'s refund is confirmed', async () => {
		const example = (loadExamples(e2e.credential) as Array<{ file: string; workflow: Json }>).find((e) => e.file === 'approve-refund.json')!.workflow;
		const { executionId, question } = await startWaiting(example);
		expect((question.body.interactive as Json).header).toEqual({ type: 'text', text: 'Refund request' });
		await tap({ messageId: question.id, option: 'Approve refund' });
		const done = await waitForStatus(executionId, ['success', 'error'], 10_000);
		expect(done.status).toBe('success');
		const confirmation = done.data.resultData.runData['Confirm refund']?.[0]?.data?.main?.[0]?.[0]?.json;
		expect(confirmation?.messages?.[0]?.id).toMatch(/^wamid\./);
		expect(done.data.resultData.runData['Refund not issued']).toBeUndefined();
		expect(e2e.emulator.state.acceptedMessages.at(-1)!.body.text).toEqual({ body: 'Done: refund of €120.00 for order 1042 is on its way.' });
	});

	it('a waiting execution survives an n8n restart (n8n keeps it in its database) and resumes on the tap', async () => {
		const { executionId, question } = await startWaiting(ask('across a restart', { message: 'Still want the refund?', responseType: 'approval' }));
		await e2e.timed('restart n8n', () => e2e.n8n.restartWebhookProcess());
		expect((await status(executionId)).status).toBe('waiting');
		// Publishing again after a restart is asynchronous; the emulator delivers once the trigger is back.
		let delivered: Json = {};
		for (let i = 0; i < 100 && delivered.callbackStatus !== 200; i++) {
			delivered = await tap({ messageId: question.id, option: 'Approve' });
			if (delivered.callbackStatus !== 200) await sleep(200);
		}
		expect(delivered.callbackStatus).toBe(200);
		const done = await waitForStatus(executionId, ['success', 'error'], 10_000);
		expect(askOutput(done)).toEqual([expect.objectContaining({ answered: true, approved: true })]);
	}, 180_000);

	it('limit wait time: without an answer the execution resumes with a clear "no answer"; a late tap is told the question expired', async () => {
		const { executionId, question } = await startWaiting(
			ask('no answer', { message: 'Still there?', responseType: 'approval', options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 0.05, resumeUnit: 'minutes' } } } }),
		);
		// n8n's wait tracker looks for due executions once a minute.
		const done = await waitForStatus(executionId, ['success', 'error'], 90_000);
		expect(askOutput(done)).toEqual([expect.objectContaining({ answered: false, approved: false, reason: expect.stringMatching(/No answer/), messageId: question.id })]);
		const late = await tap({ messageId: question.id, option: 1 });
		expect(repliesTo(String(late.payload.entry[0].changes[0].value.messages[0].id))).toEqual([
			expect.objectContaining({ body: expect.objectContaining({ text: { body: expect.stringMatching(/expired/) } }) }),
		]);
	}, 120_000);
});
