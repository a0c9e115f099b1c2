import { hintFor } from '../../nodes/WhatsAppBusinessPlatform/shared/errorHints';
import { classifyFailure } from '../../nodes/WhatsAppBusinessPlatform/shared/retryPolicy';
import { runNode } from '../harness/runNode';
import { byId, useEmulator } from '../helpers';

const env = useEmulator();

describe('"What to do" hints say what the code means', () => {
	it('an ID that does not exist (code 100, subcode 33) is "not found", not a bad parameter', async () => {
		const { error } = await runNode({ parameters: { resource: 'account', operation: 'get', wabaId: byId('999999999') }, credentials: env.credentials });
		expect(error?.message).toBe('Not found, or no access [code 100]');
		expect(error?.description).toMatch(/What to do: Check the ID/);
		expect(error?.description).toContain('subcode 33');
	});

	it('other code 100 errors keep "Invalid parameter"', () => {
		expect(hintFor(100, 400)?.title).toBe('Invalid parameter');
		expect(hintFor(100, 400, 2494010)?.title).toBe('Invalid parameter');
	});

	it.each([
		[33, /deleted/],
		[131005, /Permission/],
		[131008, /missing/],
		[131009, /not valid/],
		[131016, /temporarily unavailable/],
		[131021, /sender/],
		[131042, /[Pp]ayment/],
		[131049, /not to deliver/],
		[131050, /stopped marketing/],
		[131052, /download/],
		[131053, /upload/],
		[131057, /maintenance/],
		[130472, /experiment/],
		[130497, /country/],
	])('code %i has its own hint', (code, title) => {
		expect(hintFor(code, 400)?.title).toMatch(title);
		expect(hintFor(code, 400)?.action.length).toBeGreaterThan(20);
	});

	it.each([
		[139100, /could not be blocked/],
		[139101, /blocklist is full/],
		[139102, /blocklist changed/],
		[139103, /update the blocklist/],
		[139001, /no longer be changed/],
		[139002, /publish the Flow/],
		[139003, /deprecated/],
		[139004, /deleted/],
		[131020, /Nobody has joined/],
		[131041, /Group unknown/],
		[803, /Not found/],
	])('platform code %i has its own hint in the same table', (code, title) => {
		expect(hintFor(code, 400)?.title).toMatch(title);
	});

	it('a resource\'s own reading of a code wins over the general hint, and only for that resource', () => {
		const groups = { 10: { title: 'This phone number cannot use the Groups API', action: 'Apply for an Official Business Account.' } };
		expect(hintFor(10, 403, undefined, groups)).toBe(groups[10]);
		expect(hintFor(10, 403)?.title).toBe('Permission denied');
		expect(hintFor(131041, 400, undefined, groups)?.title).toBe('Group unknown');
		expect(hintFor(100, 400, 33, groups)?.title).toBe('Not found, or no access');
	});

	it('a 404 without a Graph error (a wrong Base URL or path) says to check the Base URL', async () => {
		env.emulator.faults.add({ kind: 'rewrite', path: `/${env.emulator.ids.wabaId}`, rewrite: () => ({ status: 404, body: 'Not Found' }) });
		const { error } = await runNode({ parameters: { resource: 'account', operation: 'get', wabaId: byId(env.emulator.ids.wabaId) }, credentials: env.credentials });
		expect(error?.message).toBe('Nothing answers at this address');
		expect(error?.description).toMatch(/What to do: Check the Base URL/);
	});

	it('131016 (service unavailable) is temporary: retried where repeating is safe', () => {
		expect(classifyFailure({ statusCode: 503, headers: {}, body: { error: { code: 131016, message: 'Service unavailable' } } })).toBe('transient');
		expect(classifyFailure({ statusCode: 400, headers: {}, body: { error: { code: 131016, message: 'Service unavailable' } } })).toBe('transient');
	});
});
