/**
 * Where Meta delivers each webhook field (Meta's "Webhook overrides" page): a few fields go to a
 * per-WABA (or per-number) override callback when one is set; every other field — templates,
 * account and phone number updates — goes only to the app's callback URL (/{app-id}/subscriptions).
 * New event choices plug in here: a webhook field needs nothing, a choice carried inside another
 * field (like `statuses` inside `messages`) adds a line to FIELD_OF_CHOICE.
 */
export type Destination = 'override' | 'app';

/** The fields an override callback receives. */
export const OVERRIDE_FIELDS: ReadonlySet<string> = new Set([
	'messages',
	'message_echoes',
	'calls',
	'consumer_profile',
	'messaging_handovers',
	'standby',
	'group_lifecycle_update',
	'group_participants_update',
	'group_settings_update',
	'group_status_update',
	'smb_message_echoes',
	'smb_app_state_sync',
	'history',
	'account_settings_update',
]);

/** "Trigger On" choices that are not webhook fields themselves, with the field Meta sends them in. */
const FIELD_OF_CHOICE: Record<string, string> = {
	statuses: 'messages',
};

export function webhookFieldOf(choice: string): string {
	return FIELD_OF_CHOICE[choice] ?? choice;
}

export function destinationOf(field: string): Destination {
	return OVERRIDE_FIELDS.has(webhookFieldOf(field)) ? 'override' : 'app';
}

/** The webhook fields behind the chosen events, split by where Meta delivers them (each once, in order). */
export function routeChoices(choices: string[]): Record<Destination, string[]> {
	const routes: Record<Destination, string[]> = { override: [], app: [] };
	for (const choice of choices) {
		const field = webhookFieldOf(choice);
		const list = routes[destinationOf(field)];
		if (!list.includes(field)) list.push(field);
	}
	return routes;
}
