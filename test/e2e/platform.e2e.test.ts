/**
 * One operation of each platform resource (issue 14) inside a real n8n: Blocked User, QR Code (with its picture as
 * binary data), Flow, Group, Calling, Marketing Message and Template from the library, checked in n8n's saved
 * execution and in the emulator standing in for Meta.
 */
import { byId, expectNoErrors, useN8n, type Json } from './support';

const e2e = useN8n();

describe('platform resources in real n8n', () => {
	it('runs one operation of each new resource in one workflow', async () => {
		const { emulator } = e2e;
		const waba = byId(emulator.ids.wabaId);
		const phone = byId(emulator.ids.phoneNumberId);
		emulator.state.get(emulator.ids.wabaId)!.marketing_messages_onboarding_status = 'ONBOARDED';
		const flowJson = JSON.stringify({ version: '7.2', screens: [{ id: 'WELCOME', title: 'Welcome', terminal: true, layout: { type: 'SingleColumnLayout', children: [] } }] });
		const workflow = e2e.manualWorkflow('e2e platform resources', [
			{ name: 'Block', parameters: { resource: 'blockedUser', operation: 'block', wabaId: waba, phoneNumberId: phone, users: '+16505551234, +447700900123' } },
			{ name: 'QR', parameters: { resource: 'qrCode', operation: 'create', wabaId: waba, phoneNumberId: phone, prefilledMessage: 'Show me the deals', imageFormat: 'SVG' } },
			{ name: 'Flow', parameters: { resource: 'flow', operation: 'create', wabaId: waba, name: 'Sign up', categories: ['SIGN_UP'], flowJsonSource: 'parameter', flowJson, flowOptions: { publish: true } } },
			{ name: 'Group', parameters: { resource: 'group', operation: 'create', wabaId: waba, phoneNumberId: phone, subject: 'VIP customers', joinApprovalMode: 'approval_required' } },
			{ name: 'Calling', parameters: { resource: 'calling', operation: 'updateSettings', wabaId: waba, phoneNumberId: phone, callingSettings: { status: 'ENABLED', callIconVisibility: 'DEFAULT' } } },
			{
				name: 'Marketing',
				parameters: {
					resource: 'marketingMessage',
					operation: 'send',
					wabaId: waba,
					phoneNumberId: phone,
					to: '+16505551234',
					template: { __rl: true, mode: 'nameLanguage', value: 'welcome_offer|en_US' },
					templateParameterInput: 'json',
					templateComponentsJson: JSON.stringify([
						{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://acme.example/offer.png' } }] },
						{ type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Ana' }, { type: 'text', parameter_name: 'discount', text: '10%' }] },
					]),
					marketingOptions: { productPolicy: 'STRICT' },
				},
			},
			{
				name: 'Library Template',
				parameters: {
					resource: 'template',
					operation: 'createFromLibrary',
					wabaId: waba,
					name: 'parcel_update',
					libraryTemplateName: 'delivery_update_1',
					category: 'UTILITY',
					language: 'en_US',
					libraryButtonInputs: { button: [{ type: 'URL', baseUrl: 'https://acme.example/track/{{1}}', urlSuffixExample: 'A-1' }] },
				},
			},
		]);
		const result = await e2e.timed('run platform workflow', () => e2e.run(workflow));
		expectNoErrors(result);

		expect(result.out('Block').map((item) => [item.user, item.blocked])).toEqual([
			['+16505551234', true],
			['+447700900123', true],
		]);
		expect(emulator.state.get(emulator.ids.phoneNumberId)!.blockedUsers).toEqual(['16505551234', '447700900123']);

		const [qr] = result.out('QR');
		expect(qr).toMatchObject({ prefilled_message: 'Show me the deals', deep_link_url: `https://wa.me/message/${String(qr.code)}` });
		const qrBinary = (result.execution.data.resultData.runData as Json).QR[0].data.main[0][0].binary.data;
		expect(qrBinary).toMatchObject({ mimeType: 'image/svg+xml', fileName: `${String(qr.code)}.svg` });

		const [flow] = result.out('Flow');
		expect(emulator.state.get(String(flow.id))).toMatchObject({ name: 'Sign up', status: 'PUBLISHED' });

		const [group] = result.out('Group');
		const created = emulator.state.emittedWebhooks.find((hook) => hook.field === 'group_lifecycle_update');
		expect((created!.value.groups as Json[])[0]).toMatchObject({ type: 'group_create', request_id: group.request_id, subject: 'VIP customers', join_approval_mode: 'approval_required' });

		expect(result.out('Calling')[0]).toMatchObject({ success: true, calling: { status: 'ENABLED', call_icon_visibility: 'DEFAULT' } });
		expect(emulator.state.get(emulator.ids.phoneNumberId)!.callingSettings).toMatchObject({ status: 'ENABLED' });

		expect(result.out('Marketing')[0]).toMatchObject({ success: true, messages: [{ message_status: 'accepted' }] });
		expect(emulator.calls('POST', `/${emulator.ids.phoneNumberId}/marketing_messages`)).toHaveLength(1);

		expect(result.out('Library Template')[0]).toMatchObject({ status: 'APPROVED', name: 'parcel_update' });
	});
});
