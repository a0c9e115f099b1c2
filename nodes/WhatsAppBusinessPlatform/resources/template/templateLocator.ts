import type { INodeProperties } from 'n8n-workflow';

/** A template of the chosen WABA: picked from a list (name, language, status) or given by ID. */
export function templateLocator(show: Record<string, string[]>, description = 'The message template to work on'): INodeProperties {
	return {
		displayName: 'Template',
		name: 'templateId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchTemplates', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '1234567890123456',
				validation: [{ type: 'regex', properties: { regex: '^[0-9]{1,25}$', errorMessage: 'A template ID is a number' } }],
			},
		],
	};
}
