import type { INodePropertyOptions } from 'n8n-workflow';

/** Choice for status updates, which Meta delivers inside the `messages` field. */
export const STATUSES_EVENT = 'statuses';

/**
 * Every WhatsApp Business Account webhook field Meta documents (plus `statuses`, split out of
 * `messages`). Names are title case and sorted by name, as n8n's lint wants for drop-down values.
 */
export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Account Alerts', value: 'account_alerts', description: 'Warnings about your account, for example that you may get a higher messaging limit or that a policy problem needs attention' },
	{ name: 'Account Review Update', value: 'account_review_update', description: 'Meta finished reviewing your WhatsApp Business Account: approved or rejected' },
	{ name: 'Account Settings Update', value: 'account_settings_update', description: 'A setting of your account or phone number was changed, for example in WhatsApp Manager' },
	{ name: 'Account Update', value: 'account_update', description: 'Changes to your account: business verification, bans, restrictions, sharing with a partner, offboarding' },
	{ name: 'Automatic Events', value: 'automatic_events', description: 'A purchase or lead that WhatsApp detected in a chat that started from an ad' },
	{ name: 'Business Capability Update', value: 'business_capability_update', description: 'Your messaging limit or the number of phone numbers you may have changed' },
	{ name: 'Calls', value: 'calls', description: 'Voice calls with customers: a call starts, rings, is answered or ends' },
	{ name: 'Consumer Profile', value: 'consumer_profile', description: 'A customer\'s WhatsApp profile details you may see changed' },
	{ name: 'Flows', value: 'flows', description: 'A WhatsApp Flow changed status (for example published or blocked), or its endpoint is slow, failing or unavailable' },
	{ name: 'Group Lifecycle Update', value: 'group_lifecycle_update', description: 'A WhatsApp group you manage was created or deleted' },
	{ name: 'Group Participants Update', value: 'group_participants_update', description: 'People joined, left or were removed from a group you manage, or asked to join' },
	{ name: 'Group Settings Update', value: 'group_settings_update', description: 'A group\'s subject, description or picture was changed, or the change failed' },
	{ name: 'Group Status Update', value: 'group_status_update', description: 'A group you manage was suspended or reinstated' },
	{ name: 'History', value: 'history', description: 'Past chats shared when a WhatsApp Business app number is connected to the API (coexistence)' },
	{ name: 'Message Echoes', value: 'message_echoes', description: 'Copies of messages your business sent, one item per message' },
	{ name: 'Message Status Updates', value: STATUSES_EVENT, description: 'Whether messages you sent were sent, delivered, read, played or failed (one item per status)' },
	{ name: 'Message Template Components Update', value: 'message_template_components_update', description: 'The text, header, footer or buttons of a template were edited' },
	{ name: 'Message Template Quality Update', value: 'message_template_quality_update', description: 'A template\'s quality rating changed (green, yellow, red)' },
	{ name: 'Message Template Status Update', value: 'message_template_status_update', description: 'A template was approved, rejected, paused or disabled' },
	{ name: 'Messages', value: 'messages', description: 'Messages customers send you, including replies to buttons, edits, deleted messages and orders (one item per message)' },
	{ name: 'Messaging Handovers', value: 'messaging_handovers', description: 'Control of a conversation passed between your app and another app (Conversation Routing)' },
	{ name: 'Partner Solutions', value: 'partner_solutions', description: 'A multi-partner solution you are part of changed status' },
	{ name: 'Payment Configuration Update', value: 'payment_configuration_update', description: 'A payment configuration was connected, changed or disconnected (payments in India and Brazil)' },
	{ name: 'Phone Number Name Update', value: 'phone_number_name_update', description: 'A request to change a number\'s display name was approved or rejected' },
	{ name: 'Phone Number Quality Update', value: 'phone_number_quality_update', description: 'A number\'s quality rating or messaging limit changed' },
	{ name: 'Security', value: 'security', description: 'The two-step verification PIN of a number was changed or reset' },
	{ name: 'SMB App State Sync', value: 'smb_app_state_sync', description: 'Contacts of a connected WhatsApp Business app were added, changed or removed (coexistence)' },
	{ name: 'SMB Message Echoes', value: 'smb_message_echoes', description: 'Messages sent from a connected WhatsApp Business app (coexistence), one item per message' },
	{ name: 'Standby', value: 'standby', description: 'Messages in conversations another app currently controls (Conversation Routing)' },
	{ name: 'Template Category Update', value: 'template_category_update', description: 'A template\'s category changed or will change (for example from utility to marketing)' },
	{ name: 'User Preferences', value: 'user_preferences', description: 'A customer stopped or resumed marketing messages' },
];

export const ALL_EVENTS = EVENT_OPTIONS.map((option) => String(option.value));

export const STATUS_VALUES = ['sent', 'delivered', 'read', 'failed', 'played'] as const;
