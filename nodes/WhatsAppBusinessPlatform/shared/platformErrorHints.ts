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
	803: { title: 'Not found', action: 'The ID or code does not exist on this phone number (it may have been deleted). Check it, or list what exists with Get Many.' },
	131021: { title: 'A business cannot block its own number', action: 'Remove the business phone number from the users.' },
};
