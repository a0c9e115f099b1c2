import type { INodeProperties } from 'n8n-workflow';

import { withIds } from '../../shared/output';
import { compareQuery, compareTemplates } from './compare';
import { buildCreateTemplateBody, createTemplate } from './create';
import { buildLibraryTemplateBody, createTemplateFromLibrary } from './createFromLibrary';
import { buildDeleteTemplateQuery, deleteTemplate, describeDeletedTemplate } from './delete';
import { getTemplate } from './get';
import { getAllTemplates } from './getAll';
import { getLibraryTemplates, libraryQuery } from './getLibrary';
import { buildUpdateTemplateBody, updateTemplate } from './update';

export const templateDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		default: 'getAll',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a message template',
				description: 'Submit a new template for Meta\'s review',
				routing: {
					request: { method: 'POST', url: '=/{{$parameter.wabaId}}/message_templates' },
					send: { preSend: [buildCreateTemplateBody] },
					output: {
						postReceive: [
							withIds({ wabaId: 'wabaId', name: 'name', language: 'language' }),
						],
					},
				},
			},
			{
				name: 'Compare',
				value: 'compare',
				action: 'Compare two message templates',
				description: 'Compare two templates\' sends, block rate and top block reason over the last 7–90 days',
				routing: {
					request: { method: 'GET', url: '=/{{$parameter.templateId}}/compare' },
					send: { preSend: [compareQuery] },
				},
			},
			{
				name: 'Create From Library',
				value: 'createFromLibrary',
				action: 'Create a message template from the template library',
				description: 'Create a template from Meta\'s template library, with what its buttons and text need',
				routing: {
					request: { method: 'POST', url: '=/{{$parameter.wabaId}}/message_templates' },
					send: { preSend: [buildLibraryTemplateBody] },
					output: { postReceive: [withIds({ wabaId: 'wabaId', name: 'name', libraryTemplateName: 'libraryTemplateName' })] },
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a message template',
				description: 'Delete a template in all languages, or one language version',
				routing: {
					request: { method: 'DELETE', url: '=/{{$parameter.wabaId}}/message_templates' },
					send: { preSend: [buildDeleteTemplateQuery] },
					output: { postReceive: [describeDeletedTemplate] },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a message template',
				description: 'Read a template: its content, status and quality',
				routing: { request: { method: 'GET', url: '=/{{$parameter.templateId}}' } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many message templates',
				description: 'List the templates of an account, optionally filtered',
				routing: { request: { method: 'GET', url: '=/{{$parameter.wabaId}}/message_templates' } },
			},
			{
				name: 'Get Library Templates',
				value: 'getLibrary',
				action: 'Get templates of the template library',
				description: 'Browse Meta\'s template library by words, topic, use case, industry or language',
				routing: {
					request: { method: 'GET', url: '/message_template_library' },
					send: { preSend: [libraryQuery] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a message template',
				description: 'Edit a template\'s content, category or message time to live',
				routing: {
					request: { method: 'POST', url: '=/{{$parameter.templateId}}' },
					send: { preSend: [buildUpdateTemplateBody] },
					output: { postReceive: [withIds({ templateId: 'templateId' })] },
				},
			},
		],
	},
	...createTemplate,
	...getTemplate,
	...getAllTemplates,
	...updateTemplate,
	...deleteTemplate,
	...createTemplateFromLibrary,
	...getLibraryTemplates,
	...compareTemplates,
];
