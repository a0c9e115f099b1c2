import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listFields, listLimit } from '../../shared/commonFields';
import { MAX_PAGE_SIZE } from '../../shared/constants';
import { phoneNumberIdOf, phoneTarget } from '../../shared/phoneTarget';
import { groupRequest, show } from './fields';

export const getAllGroups: INodeProperties[] = [...phoneTarget(show('getAll'), 'The business phone number whose active groups to list'), ...listFields('group', 'getAll')];

/** Meta answers this list as `data.groups` (not `data`), so its pages are followed here. */
export async function getAll(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const phoneNumberId = phoneNumberIdOf(this, itemIndex);
	const limit = listLimit(this, itemIndex);
	const groups: IDataObject[] = [];
	let after: string | undefined;
	const seen = new Set<string>();
	for (;;) {
		const page = await groupRequest(this, { url: `/${phoneNumberId}/groups`, qs: { limit: Math.min(MAX_PAGE_SIZE, limit), ...(after ? { after } : {}) }, itemIndex });
		groups.push(...((((page.data ?? {}) as IDataObject).groups ?? []) as IDataObject[]));
		const paging = (page.paging ?? {}) as { cursors?: { after?: string }; next?: string };
		after = paging.cursors?.after;
		if (groups.length >= limit || !paging.next || !after || seen.has(after)) break;
		seen.add(after);
	}
	return groups.slice(0, limit).map((json) => ({ json: { ...json, phoneNumberId } }));
}
