import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { graphRequest, graphRequestAllItems } from './transport';

function matches(filter: string | undefined, ...texts: Array<unknown>): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some((text) => String(text ?? '').toLowerCase().includes(needle));
}

function currentValue(context: ILoadOptionsFunctions, name: string): string {
	const value = context.getCurrentNodeParameter(name, { extractValue: true });
	return typeof value === 'string' ? value : String((value as IDataObject)?.value ?? '');
}

/** WABAs the token can see: every business of the token's user, owned and client accounts. */
export async function searchWabas(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const businesses = await graphRequestAllItems.call(this, { url: '/me/businesses', qs: { fields: 'id,name' } });
	const results: INodeListSearchResult['results'] = [];
	for (const business of businesses) {
		for (const edge of ['owned_whatsapp_business_accounts', 'client_whatsapp_business_accounts']) {
			const wabas = await graphRequestAllItems.call(this, { url: `/${business.id}/${edge}`, qs: { fields: 'id,name' } });
			for (const waba of wabas) {
				if (!matches(filter, waba.name, waba.id)) continue;
				results.push({ name: `${waba.name ?? waba.id} (${business.name ?? business.id})`, value: String(waba.id) });
			}
		}
	}
	return { results };
}

/** Phone numbers of the WABA chosen in the node. */
export async function searchPhoneNumbers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const wabaId = currentValue(this, 'wabaId');
	if (!wabaId) return { results: [] };
	const numbers = await graphRequestAllItems.call(this, {
		url: `/${wabaId}/phone_numbers`,
		qs: { fields: 'id,display_phone_number,verified_name' },
	});
	return {
		results: numbers
			.filter((number) => matches(filter, number.display_phone_number, number.verified_name, number.id))
			.map((number) => ({
				name: `${number.display_phone_number} – ${number.verified_name ?? ''}`.trim(),
				value: String(number.id),
			})),
	};
}

interface TemplatePage {
	templates: IDataObject[];
	paginationToken: string | undefined;
}

/** One page of the chosen WABA's templates, searched by `searchField`. */
async function templatePage(context: ILoadOptionsFunctions, searchField: string, filter?: string, paginationToken?: string): Promise<TemplatePage> {
	const wabaId = currentValue(context, 'wabaId');
	if (!wabaId) return { templates: [], paginationToken: undefined };
	const page = await graphRequest.call<ILoadOptionsFunctions, Parameters<typeof graphRequest>, Promise<IDataObject>>(context, {
		url: `/${wabaId}/message_templates`,
		qs: {
			fields: 'id,name,language,status,category',
			limit: 100,
			...(filter ? { [searchField]: filter } : {}),
			...(paginationToken ? { after: paginationToken } : {}),
		},
	});
	const paging = page.paging as { cursors?: { after?: string }; next?: string } | undefined;
	const templates = (page.data ?? []) as IDataObject[];
	// Offer another page only when this one moved on: an empty page or a cursor that did not
	// move would have the editor ask for the same page forever.
	const after = paging?.next ? paging.cursors?.after : undefined;
	const moved = templates.length > 0 && after !== undefined && after !== paginationToken;
	return { templates, paginationToken: moved ? after : undefined };
}

/** Templates of the WABA chosen in the node, shown with their language and status. */
export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await templatePage(this, 'name', filter, paginationToken);
	return {
		results: page.templates.map((template) => ({
			name: `${template.name} (${template.language}) – ${template.status}`,
			value: `${template.id}`,
		})),
		paginationToken: page.paginationToken,
	};
}

/**
 * Templates to send: the value carries name and language (`name|language`), which is what a
 * template message needs; approved templates first.
 */
export async function searchTemplatesForSending(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await templatePage(this, 'name_or_content', filter, paginationToken);
	const templates = page.templates.filter((template) => matches(filter, template.name, template.language));
	templates.sort((a, b) => Number(b.status === 'APPROVED') - Number(a.status === 'APPROVED'));
	return {
		results: templates.map((template) => ({
			name: `${template.name} (${template.language})${template.status === 'APPROVED' ? '' : ` – ${template.status}`}`,
			value: `${template.name}|${template.language}`,
		})),
		paginationToken: page.paginationToken,
	};
}
