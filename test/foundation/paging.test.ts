import { DEFAULT_GRAPH_VERSION } from '../../nodes/WhatsAppBusinessPlatform/shared/graphVersions';
import type { FaultAnswer } from '../emulator/faults';
import { runListSearch } from '../harness/runListSearch';
import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';

const env = useEmulator({ maxPageSize: 1 });

type Page = { data: Array<Record<string, unknown>>; paging?: { cursors?: { before?: string; after?: string }; next?: string } };

/** Rewrites up to 50 pages of one list (enough to see a loop, few enough that a looping node still ends). */
function breakPaging(path: string, rewrite: (page: Page, call: number) => Page) {
	let call = 0;
	env.emulator.faults.add({
		kind: 'rewrite',
		method: 'GET',
		path,
		times: 50,
		rewrite: ({ body }: FaultAnswer) => ({ body: rewrite(body as Page, call++) }),
	});
}

const withNext = (page: Page, after: string): Page => ({
	...page,
	paging: { cursors: { before: 'b', after }, next: `${env.emulator.url}/${DEFAULT_GRAPH_VERSION}/next?after=${after}` },
});

const ownedWabas = (extra: Record<string, unknown> = { returnAll: true }) =>
	runNode({
		parameters: { resource: 'account', operation: 'getAll', businessId: env.emulator.ids.businessId, ownership: 'owned', fields: 'id,name', ...extra },
		credentials: env.credentials,
	});

describe('paging stops when the API stops making progress', () => {
	const path = () => `/${env.emulator.ids.businessId}/owned_whatsapp_business_accounts`;

	it('a cursor that never moves: Return All stops at the repeated cursor', async () => {
		breakPaging(path(), (page) => withNext(page, 'STUCK'));
		const { items, error } = await ownedWabas();
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.name)).toEqual(['Acme Support']);
		expect(env.emulator.calls('GET', path())).toHaveLength(2);
	});

	it('empty pages that keep a next link: Return All and Limit stop at the first empty page', async () => {
		breakPaging(path(), (page, call) => withNext(call === 0 ? page : { data: [] }, `moving-${call}`));
		const all = await ownedWabas();
		expect(all.items.map((item) => item.json.name)).toEqual(['Acme Support']);
		expect(env.emulator.calls('GET', path())).toHaveLength(2);

		env.emulator.clearRequests();
		env.emulator.faults.clear();
		breakPaging(path(), (_page, call) => withNext({ data: [] }, `moving-${call}`));
		const limited = await ownedWabas({ returnAll: false, limit: 5 });
		expect(limited.error).toBeUndefined();
		expect(limited.items).toHaveLength(0);
		expect(env.emulator.calls('GET', path())).toHaveLength(1);
	});

	it('pages that only repeat what came before: stops, and lists each element once', async () => {
		breakPaging(path(), (page, call) => withNext(page, `moving-${call}`));
		const { items } = await ownedWabas();
		expect(items.map((item) => item.json.id)).toEqual([env.emulator.ids.wabaId]);
		expect(env.emulator.calls('GET', path())).toHaveLength(2);
	});
});

describe('searchable lists in the editor stop too', () => {
	it('WABAs: a stuck cursor on the businesses list ends the search', async () => {
		breakPaging('/me/businesses', (page) => withNext(page, 'STUCK'));
		const result = await runListSearch({ method: 'searchWabas', parameters: {}, credentials: env.credentials });
		expect(result.results.map((entry) => entry.value)).toEqual([env.emulator.ids.wabaId, env.emulator.ids.secondWabaId, env.emulator.ids.clientWabaId]);
		expect(env.emulator.calls('GET', '/me/businesses')).toHaveLength(2);
	});

	it('templates: no further page is offered when the cursor did not move or the page was empty', async () => {
		const path = `/${env.emulator.ids.wabaId}/message_templates`;
		const parameters = { wabaId: byId(env.emulator.ids.wabaId) };
		breakPaging(path, (page) => withNext(page, 'STUCK'));
		const stuck = await runListSearch({ method: 'searchTemplates', parameters, credentials: env.credentials, paginationToken: 'STUCK' });
		expect(stuck.paginationToken).toBeUndefined();

		env.emulator.faults.clear();
		breakPaging(path, () => withNext({ data: [] }, 'elsewhere'));
		const empty = await runListSearch({ method: 'searchTemplatesForSending', parameters, credentials: env.credentials });
		expect(empty.results).toEqual([]);
		expect(empty.paginationToken).toBeUndefined();

		env.emulator.faults.clear();
		const first = await runListSearch({ method: 'searchTemplates', parameters, credentials: env.credentials });
		expect(first.paginationToken).toBeDefined();
	});
});
