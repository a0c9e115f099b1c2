import type { ErrorHint } from './errorHints';

/** What the refusals of groups, marketing messages, Flows, QR codes, blocklists and calling mean, and what to do. */
export const PLATFORM_HINTS: Record<number, ErrorHint> = {
	139100: {
		title: 'Some users could not be blocked or unblocked',
		action: 'Each output item says which user failed and why. Meta only blocks users who wrote to this number in the last 24 hours.',
	},
	139101: { title: 'The blocklist is full', action: 'A number can block at most 64,000 users. Unblock some users first.' },
	139102: { title: 'The blocklist changed while it was being read', action: 'Run the node again to read the blocklist from the start.' },
	139103: { title: 'Meta could not update the blocklist', action: 'Try again in a moment.' },
	139001: {
		title: 'The Flow can no longer be changed',
		action: 'Only draft Flows take new Flow JSON. Clone the Flow (Flow → Create → Clone From Flow ID), change the copy and publish that.',
	},
	139002: {
		title: 'Meta refused to publish the Flow',
		action: 'Only draft Flows whose Flow JSON has no validation errors can be published. Read the errors (Flow → Get), fix the Flow JSON, upload it again (Flow → Upload Flow JSON) and publish.',
	},
	139003: { title: 'Only published Flows can be deprecated', action: 'A draft Flow can simply be deleted (Flow → Delete).' },
	139004: { title: 'Only draft Flows can be deleted', action: 'Deprecate a published Flow instead (Flow → Deprecate).' },
	131020: { title: 'Nobody has joined the group yet', action: 'Send customers the group\'s invite link first (Group → Get Invite Link); messages go to a group once someone joined.' },
	131041: { title: 'Group unknown', action: 'The group does not exist any more or this number is not in it. List the number\'s groups (Group → Get Many).' },
	803: { title: 'Not found', action: 'The ID or code does not exist on this phone number (it may have been deleted). Check it, or list what exists with Get Many.' },
};
