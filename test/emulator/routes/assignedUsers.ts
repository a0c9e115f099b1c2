import { invalidParameter } from '../graphError';
import { pagedList } from './core';
import type { Route } from './types';

/** People and system users of a WABA and their tasks. */
const TASKS = ['MANAGE', 'DEVELOP', 'MANAGE_TEMPLATES', 'MANAGE_PHONE', 'VIEW_COST', 'MANAGE_EXTENSIONS', 'VIEW_PHONE_ASSETS', 'MANAGE_PHONE_ASSETS', 'VIEW_TEMPLATES', 'MESSAGING', 'VIEW_INSIGHTS', 'RECEIVE_INCOMING_MESSAGES', 'MANAGE_BILLING', 'MANAGE_USERS', 'FULL_CONTROL'];

interface Assignment {
	user: string;
	tasks: string[];
}

const assignmentsOf = (object: Record<string, unknown>) => ((object.assignedUsers as Assignment[] | undefined) ?? []) as Assignment[];

export const assignedUsersRoutes: Route[] = [
	{
		method: 'GET',
		target: 'waba',
		edge: 'assigned_users',
		operationId: 'getAssignedUsers',
		handler: (context) => {
			const business = context.req.query.business;
			if (!business) throw invalidParameter('The parameter business is required');
			const waba = context.object!;
			if (business !== waba.ownerBusinessId && business !== waba.sharedWithBusinessId) throw invalidParameter(`Business ${business} has no access to this WhatsApp Business Account`);
			const users = assignmentsOf(waba)
				.map((assignment) => {
					const user = context.state.get(assignment.user);
					return user ? { id: user.id, type: 'user' as const, name: user.name, user_type: user.user_type, tasks: assignment.tasks } : undefined;
				})
				.filter((user): user is NonNullable<typeof user> => !!user);
			// Graph answers id, name and tasks when no fields are asked for.
			return pagedList({ ...context, req: { ...context.req, query: { fields: 'id,name,user_type,tasks', ...context.req.query } } }, users);
		},
	},
	{
		method: 'POST',
		target: 'waba',
		edge: 'assigned_users',
		operationId: 'addAssignedUser',
		handler: ({ object, req, state }) => {
			const { user, tasks } = req.params as Record<string, unknown>;
			if (!user) throw invalidParameter('The parameter user is required');
			const person = state.get(String(user));
			if (!person || person.type !== 'user') throw invalidParameter(`User ${String(user)} does not exist`);
			if (person.businessId !== object!.ownerBusinessId && person.businessId !== object!.sharedWithBusinessId) {
				throw invalidParameter(`User ${String(user)} is not a member of the business that owns this account`);
			}
			if (!Array.isArray(tasks) || !tasks.length) throw invalidParameter('The parameter tasks is required and must be a non-empty array');
			const bad = tasks.find((task) => !TASKS.includes(String(task)));
			if (bad !== undefined) throw invalidParameter(`Invalid task ${String(bad)}`);
			object!.assignedUsers = [...assignmentsOf(object!).filter((entry) => entry.user !== person.id), { user: person.id, tasks: tasks.map(String) }];
			return { success: true };
		},
	},
	{
		method: 'DELETE',
		target: 'waba',
		edge: 'assigned_users',
		operationId: 'removeAssignedUser',
		handler: ({ object, req }) => {
			const user = String((req.params as Record<string, unknown>).user ?? '');
			if (!user) throw invalidParameter('The parameter user is required');
			if (!assignmentsOf(object!).some((entry) => entry.user === user)) throw invalidParameter(`User ${user} is not assigned to this account`);
			object!.assignedUsers = assignmentsOf(object!).filter((entry) => entry.user !== user);
			return { success: true };
		},
	},
];
