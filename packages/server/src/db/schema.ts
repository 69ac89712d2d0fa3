/**
 * Row types of the tables, as Kysely sees them. These never leave a repository: repositories
 * map rows to the camelCase domain objects of @switchboard/core.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type WorkspacesTable = {
  id: string;
  slug: string;
  name: string;
  settings: Json<Record<string, unknown>>;
  /** Bumped by a trigger on every change of a rule or rule set: the rules engine's cache key. */
  rules_version: Generated<string>;
  created_at: Generated<Date>;
};

export type UsersTable = {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  password_hash: string | null;
  role: 'owner' | 'admin' | 'agent' | 'light_agent';
  status: Generated<'online' | 'away' | 'offline'>;
  capacity: Generated<number>;
  languages: Generated<string[]>;
  topics: Generated<string[]>;
  locale: Generated<string>;
  time_zone: Generated<string>;
  deactivated_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type TeamsTable = {
  id: string;
  workspace_id: string;
  name: string;
  description: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type TeamMembersTable = { workspace_id: string; team_id: string; user_id: string };

export type OrganizationsTable = {
  id: string;
  workspace_id: string;
  name: string;
  domains: Generated<string[]>;
  attributes: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type ContactsTable = {
  id: string;
  workspace_id: string;
  name: string;
  language: string | null;
  time_zone: string | null;
  is_vip: Generated<boolean>;
  organization_id: string | null;
  attributes: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type ContactIdentitiesTable = {
  id: string;
  workspace_id: string;
  contact_id: string;
  kind: 'email' | 'phone' | 'external';
  value: string;
  created_at: Generated<Date>;
};

export type CustomFieldDefinitionsTable = {
  id: string;
  workspace_id: string;
  key: string;
  label: string;
  type: 'text' | 'number' | 'dropdown' | 'date' | 'checkbox';
  options: Json<{ value: string; label: string }[]>;
  required: boolean;
  description: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type TicketsTable = {
  id: string;
  workspace_id: string;
  number: ColumnType<string, string | number, never>;
  subject: string;
  status: 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  priority_rank: ColumnType<number, never, never>;
  type: 'question' | 'incident' | 'problem' | 'task' | null;
  channel: 'email' | 'chat' | 'web' | 'phone' | 'api' | 'social';
  language: string | null;
  tags: string[];
  custom_fields: Json<Record<string, string | number | boolean | null>>;
  requester_id: string;
  organization_id: string | null;
  assignee_id: string | null;
  team_id: string | null;
  parent_id: string | null;
  merged_into_id: string | null;
  follow_up_of_id: string | null;
  version: Generated<number>;
  search_vector: ColumnType<string, string, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  first_response_at: Timestamp | null;
  solved_at: Timestamp | null;
  closed_at: Timestamp | null;
  last_customer_message_at: Timestamp | null;
  last_agent_message_at: Timestamp | null;
  deleted_at: Timestamp | null;
  status_changed_at: Timestamp;
  /** The channel (web form, phone line, social account…) the ticket came through. */
  channel_id: ColumnType<string | null, string | null | undefined, string | null>;
};

export type TicketFollowersTable = { workspace_id: string; ticket_id: string; user_id: string };

export type MessagesTable = {
  id: string;
  workspace_id: string;
  ticket_id: string;
  original_ticket_id: string;
  visibility: 'public' | 'internal';
  author_type: 'contact' | 'agent' | 'bot' | 'system';
  author_id: string | null;
  channel: 'email' | 'chat' | 'web' | 'phone' | 'api' | 'social' | 'internal';
  body_html: string;
  body_text: string;
  metadata: Json<Record<string, unknown>>;
  created_at: Timestamp;
};

export type AttachmentsTable = {
  id: string;
  workspace_id: string;
  message_id: string | null;
  sha256: string;
  filename: string;
  content_type: string;
  size_bytes: ColumnType<string, number, never>;
  created_at: Generated<Date>;
};

export type EventsTable = {
  id: ColumnType<string, never, never>;
  workspace_id: string;
  subject_type: string;
  subject_id: string;
  ticket_id: string | null;
  type: string;
  actor_type: 'agent' | 'contact' | 'api_token' | 'system' | 'rule' | 'bot';
  actor_id: string | null;
  user_id: string | null;
  via: 'web' | 'api' | 'email' | 'chat' | 'phone' | 'system' | 'cli';
  data: Json<Record<string, unknown>>;
  cascade: Json<{ depth: number; firedRuleIds: string[] }> | null;
  created_at: Timestamp;
};

export type SessionsTable = {
  id: string;
  workspace_id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
};

export type ApiTokensTable = {
  id: string;
  workspace_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
};

export type IdempotencyKeysTable = {
  workspace_id: string;
  principal: string;
  key: string;
  request_hash: string;
  response_status: number;
  response_body: Json<unknown>;
  created_at: Timestamp;
};

export type AutomationInboxTable = {
  id: ColumnType<number, never, never>;
  workspace_id: string;
  ticket_id: string;
  event_id: number;
  created_at: Generated<Date>;
};

export type BusinessCalendarsTable = {
  id: string;
  workspace_id: string;
  name: string;
  time_zone: string;
  weekly: Json<{ day: number; start: string; end: string }[]>;
  holidays: Json<{ date: string; name: string }[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type SlaPoliciesTable = {
  id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  position: number;
  enabled: boolean;
  conditions: Json<unknown>;
  targets: Json<Record<string, unknown>>;
  calendar_id: string | null;
  warn_before_minutes: number;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type TicketSlasTable = {
  workspace_id: string;
  ticket_id: string;
  policy_id: string;
  clocks: Json<unknown>;
  next_event_at: Timestamp | null;
  updated_at: Timestamp;
};

export type RuleSetsTable = {
  id: string;
  workspace_id: string;
  kind: 'creation' | 'update' | 'time';
  name: string;
  mode: 'first_match' | 'all_matches';
  position: number;
  enabled: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type RulesTable = {
  id: string;
  workspace_id: string;
  rule_set_id: string;
  position: number;
  name: string;
  description: string | null;
  kind: 'creation' | 'update' | 'time';
  enabled: boolean;
  events: string[] | null;
  ignore_own_changes: boolean;
  conditions: Json<unknown>;
  actions: Json<unknown[]>;
  time_anchor: Json<unknown> | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type RuleStatsTable = {
  workspace_id: string;
  rule_id: string;
  runs: Generated<number>;
  matches: Generated<number>;
  failures: Generated<number>;
  total_duration_us: Generated<number>;
  last_run_at: Timestamp | null;
  last_matched_at: Timestamp | null;
  last_failed_at: Timestamp | null;
};

export type RuleRunsTable = {
  id: ColumnType<number, never, never>;
  workspace_id: string;
  ticket_id: string;
  event_id: number | null;
  kind: 'creation' | 'update' | 'time';
  cascade_depth: number;
  results: Json<unknown[]>;
  matched_rule_ids: string[];
  failed_rule_ids: string[];
  duration_us: number;
  created_at: Timestamp;
};

export type TicketTimersTable = {
  workspace_id: string;
  ticket_id: string;
  rule_id: string;
  due_at: Timestamp;
  window_key: string;
};

export type TimeRuleFiringsTable = {
  workspace_id: string;
  rule_id: string;
  ticket_id: string;
  window_key: string;
  fired_at: Timestamp;
};

export type CannedResponsesTable = {
  id: string;
  workspace_id: string;
  name: string;
  shortcut: string | null;
  owner_id: string | null;
  bodies: Json<Record<string, string>>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type MacrosTable = {
  id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  owner_id: string | null;
  actions: Json<unknown[]>;
  usage_count: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type AssignmentCursorsTable = {
  workspace_id: string;
  scope: string;
  last_agent_id: string | null;
  updated_at: Timestamp;
};

export type WebhooksTable = {
  id: string;
  workspace_id: string;
  name: string;
  url: string;
  secret: string;
  enabled: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type WebhookDeliveriesTable = {
  id: string;
  workspace_id: string;
  webhook_id: string;
  ticket_id: string | null;
  rule_id: string | null;
  payload: Json<unknown>;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
};

export type NotificationsTable = {
  id: string;
  workspace_id: string;
  ticket_id: string | null;
  recipient_kind: 'agent' | 'team' | 'requester';
  recipient_id: string | null;
  recipient_address: string | null;
  subject: string;
  body_text: string;
  body_html: string;
  status: Generated<'pending' | 'sent' | 'failed' | 'skipped'>;
  error: string | null;
  cause: Json<Record<string, unknown>>;
  created_at: Timestamp;
  sent_at: Timestamp | null;
};

export type MailboxesTable = {
  id: string;
  workspace_id: string;
  address: string;
  name: string;
  team_id: string | null;
  from_name: string | null;
  signature_text: Generated<string>;
  inbound_secret_hash: string;
  imap_host: string | null;
  imap_port: number | null;
  imap_secure: Generated<boolean>;
  imap_user: string | null;
  imap_password_encrypted: string | null;
  imap_folder: Generated<string>;
  imap_enabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type InboundEmailsTable = {
  id: string;
  workspace_id: string;
  mailbox_id: string | null;
  source: 'smtp' | 'imap' | 'webhook';
  message_id_header: string;
  from_address: string | null;
  subject: Generated<string>;
  recipients: Generated<string[]>;
  raw_sha256: string;
  raw_size_bytes: ColumnType<string, number, number>;
  classification: 'normal' | 'auto_reply' | 'bounce' | 'bulk' | null;
  status: 'stored' | 'duplicate' | 'ignored' | 'failed';
  reason: string | null;
  error: string | null;
  ticket_id: string | null;
  message_id: string | null;
  attempts: Generated<number>;
  received_at: Timestamp;
  processed_at: Timestamp | null;
};

export type EmailMessageIdsTable = {
  workspace_id: string;
  message_id_header: string;
  ticket_id: string;
  message_id: string | null;
  direction: 'in' | 'out';
  created_at: Generated<Date>;
};

export type ImapSyncStateTable = {
  mailbox_id: string;
  workspace_id: string;
  uid_validity: ColumnType<string | null, string | number | null, string | number | null>;
  last_uid: ColumnType<string, string | number | undefined, string | number>;
  lease_owner: string | null;
  lease_until: Timestamp | null;
  last_error: string | null;
  last_polled_at: Timestamp | null;
  updated_at: Timestamp;
};

export type RealtimePresenceTable = {
  workspace_id: string;
  ticket_id: string;
  connection_id: string;
  user_id: string;
  user_name: string;
  state: 'viewing' | 'replying' | 'idle';
  updated_at: Timestamp;
  expires_at: Timestamp;
};

export type ChannelsTable = {
  id: string;
  workspace_id: string;
  kind: 'web_form' | 'phone' | 'api' | 'social';
  name: string;
  settings: Json<Record<string, unknown>>;
  enabled: boolean;
  secret: string;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type CallsTable = {
  id: string;
  workspace_id: string;
  ticket_id: string;
  message_id: string;
  direction: 'inbound' | 'outbound';
  from_number: string;
  to_number: string;
  duration_seconds: number;
  agent_id: string | null;
  recording_attachment_id: string | null;
  recording_url: string | null;
  transcript: string | null;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  external_id: string | null;
  created_at: Timestamp;
};

export type ChannelInboundMessagesTable = {
  workspace_id: string;
  channel_id: string;
  external_message_id: string;
  ticket_id: string | null;
  message_id: string | null;
  created_ticket: Generated<boolean>;
  created_at: Timestamp;
};

export type ChannelThreadsTable = {
  workspace_id: string;
  channel_id: string;
  external_thread_id: string;
  ticket_id: string;
  updated_at: Timestamp;
};

export type OutboundEmailsTable = {
  id: string;
  workspace_id: string;
  mailbox_id: string | null;
  ticket_id: string | null;
  message_id: string | null;
  notification_id: string | null;
  kind: 'reply' | 'notification' | 'acknowledgement' | 'fallback';
  from_address: string;
  from_name: string | null;
  reply_to: string | null;
  to_addresses: string[];
  cc_addresses: Generated<string[]>;
  subject: string;
  body_text: string;
  body_html: string;
  message_id_header: string;
  in_reply_to: string | null;
  reference_ids: Generated<string[]>;
  automatic: boolean;
  status: 'queued' | 'sent' | 'failed' | 'skipped';
  attempts: Generated<number>;
  last_error: string | null;
  smtp_response: string | null;
  sweep_after: Timestamp | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
};

export type TicketEmailFallbacksTable = {
  ticket_id: string;
  workspace_id: string;
  address: string;
  created_at: Timestamp;
};

export type EmailReplyKeysTable = { workspace_id: string; key_hex: string; created_at: Generated<Date> };

export type SchemaMigrationsTable = { name: string; checksum: string; applied_at: Generated<Date> };

export type MessengerSettingsTable = {
  workspace_id: string;
  workspace_key: string;
  identity_secret: string | null;
  identity_required: Generated<boolean>;
  enabled: Generated<boolean>;
  brand_color: Generated<string>;
  greeting_ko: Generated<string>;
  greeting_en: Generated<string>;
  pre_chat_name: Generated<'off' | 'optional' | 'required'>;
  pre_chat_email: Generated<'off' | 'optional' | 'required'>;
  updated_at: Generated<Date>;
};

export type MessengerVisitorsTable = {
  id: string;
  workspace_id: string;
  token_hash: string;
  contact_id: string | null;
  external_user_id: string | null;
  name: string | null;
  email: string | null;
  language: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
};

export type MessengerConversationsTable = {
  workspace_id: string;
  ticket_id: string;
  visitor_id: string;
  external_user_id: string | null;
  created_at: Timestamp;
};

export type MessengerClientMessagesTable = {
  workspace_id: string;
  visitor_id: string;
  client_message_id: string;
  ticket_id: string | null;
  message_id: string | null;
  created_at: Timestamp;
};

export type MessengerReadStatesTable = {
  workspace_id: string;
  ticket_id: string;
  side: 'visitor' | 'agent';
  last_read_message_id: string;
  read_at: Timestamp;
};

export type RateLimitCountersTable = {
  key: string;
  count: number;
  window_ends_at: Date;
};

export type DB = {
  rate_limit_counters: RateLimitCountersTable;
  workspaces: WorkspacesTable;
  users: UsersTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  organizations: OrganizationsTable;
  contacts: ContactsTable;
  contact_identities: ContactIdentitiesTable;
  custom_field_definitions: CustomFieldDefinitionsTable;
  tickets: TicketsTable;
  ticket_followers: TicketFollowersTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  events: EventsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  idempotency_keys: IdempotencyKeysTable;
  schema_migrations: SchemaMigrationsTable;
  channels: ChannelsTable;
  calls: CallsTable;
  channel_inbound_messages: ChannelInboundMessagesTable;
  channel_threads: ChannelThreadsTable;
  imap_sync_state: ImapSyncStateTable;
  automation_inbox: AutomationInboxTable;
  business_calendars: BusinessCalendarsTable;
  sla_policies: SlaPoliciesTable;
  ticket_slas: TicketSlasTable;
  rule_sets: RuleSetsTable;
  rules: RulesTable;
  rule_stats: RuleStatsTable;
  rule_runs: RuleRunsTable;
  ticket_timers: TicketTimersTable;
  time_rule_firings: TimeRuleFiringsTable;
  canned_responses: CannedResponsesTable;
  macros: MacrosTable;
  assignment_cursors: AssignmentCursorsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  notifications: NotificationsTable;
  outbound_emails: OutboundEmailsTable;
  ticket_email_fallbacks: TicketEmailFallbacksTable;
  mailboxes: MailboxesTable;
  inbound_emails: InboundEmailsTable;
  email_message_ids: EmailMessageIdsTable;
  email_reply_keys: EmailReplyKeysTable;
  realtime_presence: RealtimePresenceTable;
  messenger_settings: MessengerSettingsTable;
  messenger_visitors: MessengerVisitorsTable;
  messenger_conversations: MessengerConversationsTable;
  messenger_client_messages: MessengerClientMessagesTable;
  messenger_read_states: MessengerReadStatesTable;
};
