import type { IDataObject } from 'n8n-workflow';

import { fail, LIMITS, optionalText, requireCount, requireText, requireUnique } from '../../../shared/messageValidation';
import type { BuiltContent, PendingUpload } from './common';
import { interactiveFrame, type InteractiveFrame } from './interactiveCommon';

export interface ListRow {
	sectionTitle?: unknown;
	id?: unknown;
	title?: unknown;
	description?: unknown;
}

/**
 * A list message: a button (≤20) that opens 1–10 sections (titles ≤24, required when there are
 * several) holding at most 10 rows in total (ID ≤200, title ≤24, description ≤72). Rows name
 * their section; sections keep the order in which they first appear.
 */
export function buildInteractiveList(input: InteractiveFrame & { buttonText: unknown; rows: ListRow[] }): BuiltContent {
	const uploads: PendingUpload[] = [];
	const frame = interactiveFrame(input, uploads, { mediaHeader: false });
	const button = requireText('List Button Text', input.buttonText, LIMITS.list.button);
	const rows = input.rows ?? [];
	requireCount('Rows', rows.length, 1, LIMITS.list.rows);
	const sections = new Map<string, IDataObject[]>();
	rows.forEach((row, index) => {
		const where = `Row ${index + 1}`;
		const sectionTitle = optionalText(`${where} Section Title`, row.sectionTitle, LIMITS.list.sectionTitle) ?? '';
		const built: IDataObject = {
			id: requireText(`${where} ID`, row.id, LIMITS.list.rowId),
			title: requireText(`${where} Title`, row.title, LIMITS.list.rowTitle),
		};
		const description = optionalText(`${where} Description`, row.description, LIMITS.list.rowDescription);
		if (description !== undefined) built.description = description;
		if (!sections.has(sectionTitle)) sections.set(sectionTitle, []);
		sections.get(sectionTitle)!.push(built);
	});
	requireCount('Sections', sections.size, 1, LIMITS.list.sections);
	if (sections.size > 1 && sections.has('')) fail('Section Title', 'is required on every row when the list has more than one section');
	requireUnique('Row IDs', rows.map((row) => String(row.id)));
	const built = [...sections.entries()].map(([title, sectionRows]) => (title ? { title, rows: sectionRows } : { rows: sectionRows }));
	return { type: 'interactive', content: { type: 'list', ...frame, action: { button, sections: built } }, uploads };
}
