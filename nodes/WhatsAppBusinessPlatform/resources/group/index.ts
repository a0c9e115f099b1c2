import type { INodeProperties } from 'n8n-workflow';

import { perItemOperations } from '../../shared/customOperation';
import { create, createGroup } from './create';
import { deleteGroup, deleteGroupFields } from './delete';
import { get, getGroup } from './get';
import { getAll, getAllGroups } from './getAll';
import { getInviteLink, getInviteLinkFields, resetInviteLink, resetInviteLinkFields } from './inviteLink';
import { approveJoinRequests, approveJoinRequestsFields, getJoinRequests, getJoinRequestsFields, rejectJoinRequests, rejectJoinRequestsFields } from './joinRequests';
import { removeParticipants, removeParticipantsFields } from './removeParticipants';
import { update, updateGroup } from './update';

export const groupDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['group'] } },
		default: 'getAll',
		options: [
			{ name: 'Approve Join Requests', value: 'approveJoinRequests', action: 'Approve join requests of a group', description: 'Let people who asked to join into the group (one item per request)' },
			{ name: 'Create', value: 'create', action: 'Create a group', description: 'Create a group; Meta answers with a request ID, and the group ID and invite link arrive with the trigger\'s group lifecycle event' },
			{ name: 'Delete', value: 'delete', action: 'Delete a group', description: 'Delete a group and remove everyone from it' },
			{ name: 'Get', value: 'get', action: 'Get a group', description: 'Read a group\'s subject, description, participants and settings' },
			{ name: 'Get Invite Link', value: 'getInviteLink', action: 'Get the invite link of a group', description: 'Read the link people use to join the group' },
			{ name: 'Get Join Requests', value: 'getJoinRequests', action: 'Get join requests of a group', description: 'List the open requests to join a group that needs approval' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many groups', description: 'List a number\'s active groups' },
			{ name: 'Reject Join Requests', value: 'rejectJoinRequests', action: 'Reject join requests of a group', description: 'Turn down requests to join the group (one item per request)' },
			{ name: 'Remove Participants', value: 'removeParticipants', action: 'Remove participants from a group', description: 'Remove up to 8 people from a group' },
			{ name: 'Reset Invite Link', value: 'resetInviteLink', action: 'Reset the invite link of a group', description: 'Replace the group\'s invite link; the old one stops working' },
			{ name: 'Update', value: 'update', action: 'Update a group', description: 'Change a group\'s subject, description or picture' },
		],
	},
	...createGroup,
	...getGroup,
	...getAllGroups,
	...updateGroup,
	...getInviteLinkFields,
	...resetInviteLinkFields,
	...getJoinRequestsFields,
	...approveJoinRequestsFields,
	...rejectJoinRequestsFields,
	...removeParticipantsFields,
	...deleteGroupFields,
];

// Groups answer in shapes n8n's routing cannot shape (data.groups, per-request outcomes, refusals explained), so they run as code.
export const groupCustomOperations = perItemOperations({
	create,
	get,
	getAll,
	update,
	getInviteLink,
	resetInviteLink,
	getJoinRequests,
	approveJoinRequests,
	rejectJoinRequests,
	removeParticipants,
	delete: deleteGroup,
});
