import type { IDataObject } from 'n8n-workflow';

import { asText, fail, optionalText, requireCount, requireText, requireUnique } from '../../../shared/validation';
import { forTypes, type MessageType, type PendingUpload } from './common';
import { LIMITS as FRAME, readFrame } from './interactiveFrame';

const LIMITS = { button: 20, sections: 10, rows: 10, sectionTitle: 24, rowId: 200, rowTitle: 24, rowDescription: 72 };

/**
 * A list message: a button (≤20) that opens 1–10 sections (titles ≤24, required when there are
 * several) holding at most 10 rows in total (ID ≤200, title ≤24, description ≤72). Rows name
 * their section; sections keep the order in which they first appear. Text header only.
 */
export const interactiveList: MessageType = {
	value: 'interactiveList',
	name: 'Interactive: List',
	fields: (show) => [
		{
			displayName: 'Header',
			name: 'listHeaderType',
			type: 'options',
			default: 'none',
			options: [
				{ name: 'None', value: 'none' },
				{ name: 'Text', value: 'text' },
			],
			displayOptions: { show: forTypes(show, 'interactiveList') },
		},
		{
			displayName: 'Header Text',
			name: 'listHeaderText',
			type: 'string',
			default: '',
			description: `At most ${FRAME.header} characters`,
			displayOptions: { show: { ...forTypes(show, 'interactiveList'), listHeaderType: ['text'] } },
		},
		{
			displayName: 'List Button Text',
			name: 'listButtonText',
			type: 'string',
			default: '',
			required: true,
			description: `The button that opens the list, at most ${LIMITS.button} characters`,
			displayOptions: { show: forTypes(show, 'interactiveList') },
		},
		{
			displayName: 'Rows',
			name: 'listRows',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Row',
			description: 'Up to 10 rows in total; rows with the same section title form one section (up to 10 sections)',
			displayOptions: { show: forTypes(show, 'interactiveList') },
			options: [
				{
					displayName: 'Row',
					name: 'row',
					values: [
						{ displayName: 'Section Title', name: 'sectionTitle', type: 'string', default: '', description: 'At most 24 characters; required when there are several sections' },
						{ displayName: 'ID', name: 'id', type: 'string', default: '', required: true, description: 'At most 200 characters, unique' },
						{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true, description: 'At most 24 characters' },
						{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'At most 72 characters' },
					],
				},
			],
		},
	],
	build: async (read) => {
		const uploads: PendingUpload[] = [];
		const header = read.get<string>('listHeaderType', 'none') === 'text' ? { type: 'text' as const, text: read.get('listHeaderText', '') } : { type: 'none' as const };
		const frame = await readFrame(read, uploads, header);
		const button = requireText('List Button Text', read.get('listButtonText', ''), LIMITS.button);
		const rows = (read.get<IDataObject>('listRows', {}).row ?? []) as IDataObject[];
		requireCount('Rows', rows.length, 1, LIMITS.rows);
		const sections = new Map<string, IDataObject[]>();
		rows.forEach((row, index) => {
			const where = `Row ${index + 1}`;
			const sectionTitle = optionalText(`${where} Section Title`, row.sectionTitle, LIMITS.sectionTitle) ?? '';
			const built: IDataObject = {
				id: requireText(`${where} ID`, row.id, LIMITS.rowId),
				title: requireText(`${where} Title`, row.title, LIMITS.rowTitle),
			};
			const description = optionalText(`${where} Description`, row.description, LIMITS.rowDescription);
			if (description !== undefined) built.description = description;
			if (!sections.has(sectionTitle)) sections.set(sectionTitle, []);
			sections.get(sectionTitle)!.push(built);
		});
		requireCount('Sections', sections.size, 1, LIMITS.sections);
		if (sections.size > 1 && sections.has('')) fail('Section Title', 'is required on every row when the list has more than one section');
		requireUnique('Row IDs', rows.map((row, index) => asText(`Row ${index + 1} ID`, row.id)));
		const built = [...sections.entries()].map(([title, sectionRows]) => (title ? { title, rows: sectionRows } : { rows: sectionRows }));
		return { type: 'interactive', content: { type: 'list', ...frame, action: { button, sections: built } }, uploads };
	},
};
