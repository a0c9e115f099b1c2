import type { INodeProperties } from 'n8n-workflow';

import { graphIdLocator } from '../../shared/locatorFields';

/** A template of the chosen WABA: picked from a list (name, language, status) or given by ID. */
export function templateLocator(show: Record<string, string[]>, description = 'The message template to work on'): INodeProperties {
	return graphIdLocator(
		{
			displayName: 'Template',
			name: 'templateId',
			description,
			searchListMethod: 'searchTemplates',
			placeholder: '1234567890123456',
			notANumber: 'A template ID is a number',
		},
		show,
	);
}
