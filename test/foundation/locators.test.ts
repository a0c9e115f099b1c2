import { runListSearch } from '../harness/runListSearch';
import { byId, useEmulator } from '../helpers';

const env = useEmulator({ maxPageSize: 1 });

describe('searchable lists in the editor', () => {
	it('lists the WABAs of the token\'s businesses, owned and client, following every page, and filters them', async () => {
		const { emulator, credentials } = env;
		const all = await runListSearch({ method: 'searchWabas', parameters: {}, credentials });
		expect(all.results.map((result) => result.value)).toEqual([emulator.ids.wabaId, emulator.ids.secondWabaId, emulator.ids.clientWabaId]);
		expect(all.results[0].name).toBe('Acme Support (Acme Corp)');
		const filtered = await runListSearch({ method: 'searchWabas', parameters: {}, credentials, filter: 'market' });
		expect(filtered.results.map((result) => result.name)).toEqual(['Acme Marketing (Acme Corp)']);
	});

	it('lists the phone numbers of the WABA chosen in the form', async () => {
		const { emulator, credentials } = env;
		const numbers = await runListSearch({ method: 'searchPhoneNumbers', parameters: { wabaId: byId(emulator.ids.wabaId) }, credentials });
		expect(numbers.results.map((result) => result.value)).toEqual([emulator.ids.phoneNumberId, emulator.ids.secondPhoneNumberId, emulator.ids.unregisteredPhoneNumberId]);
		expect(numbers.results[0].name).toBe('+1 555-010-0001 – Acme Support');
		expect(await runListSearch({ method: 'searchPhoneNumbers', parameters: {}, credentials })).toEqual({ results: [] });
	});

	it('pages templates with the cursor as pagination token', async () => {
		const { emulator, credentials } = env;
		const first = await runListSearch({ method: 'searchTemplates', parameters: { wabaId: byId(emulator.ids.wabaId) }, credentials });
		expect(first.results).toHaveLength(1);
		expect(first.results[0].name).toBe('order_shipped (en_US) – APPROVED');
		expect(first.paginationToken).toBeDefined();
		const second = await runListSearch({ method: 'searchTemplates', parameters: { wabaId: byId(emulator.ids.wabaId) }, credentials, paginationToken: first.paginationToken });
		expect(second.results[0].name).toBe('order_shipped (es_ES) – APPROVED');
	});

	it('offers templates to send as name|language', async () => {
		const { emulator, credentials } = env;
		const result = await runListSearch({ method: 'searchTemplatesForSending', parameters: { wabaId: byId(emulator.ids.wabaId) }, credentials, filter: 'welcome' });
		expect(result.results).toEqual([{ name: 'welcome_offer (en_US)', value: 'welcome_offer|en_US' }]);
		expect(emulator.calls('GET', `/${emulator.ids.wabaId}/message_templates`)[0].query.name_or_content).toBe('welcome');
	});
});
