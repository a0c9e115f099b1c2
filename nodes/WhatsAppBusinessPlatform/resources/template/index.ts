import type { INodeProperties } from 'n8n-workflow';

import { withIds } from '../../shared/output';
import { buildCreateTemplateBody, createTemplate } from './create';
import { buildDeleteTemplateQuery, deleteTemplate, describeDeletedTemplate } from './delete';
import { getTemplate } from './get';
import { getAllTemplates } from './getAll';
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
];
