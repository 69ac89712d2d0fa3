-- Email out: one row per mail we send (agent replies, rule acknowledgements, notifications
-- of the outbox, chat-to-email fallbacks). A row is written in the transaction of the change
-- that causes it, with its job; the SMTP conversation happens later, outside any transaction.
-- Message-ID headers are stored without angle brackets, as in email_message_ids.

create table outbound_emails (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  mailbox_id uuid,
  ticket_id uuid,
  message_id uuid,
  notification_id uuid,
  kind text not null check (kind in ('reply', 'notification', 'acknowledgement', 'fallback')),
  from_address text not null,
  from_name text,
  reply_to text,
  to_addresses text[] not null,
  cc_addresses text[] not null default '{}',
  subject text not null,
  body_text text not null,
  body_html text not null,
  message_id_header text not null,
  in_reply_to text,
  reference_ids text[] not null default '{}',
  -- Auto-Submitted: auto-replied; never sent in answer to an auto-reply, bounce or bulk mail.
  automatic boolean not null,
  status text not null check (status in ('queued', 'sent', 'failed', 'skipped')),
  attempts integer not null default 0,
  last_error text,
  smtp_response text,
  -- Set when no job owns the row (no job queue, SMTP not configured yet, a sending lease):
  -- the periodic sweep takes over rows whose time has come.
  sweep_after timestamptz,
  created_at timestamptz not null,
  sent_at timestamptz,
  unique (workspace_id, id),
  foreign key (workspace_id, ticket_id) references tickets (workspace_id, id),
  foreign key (workspace_id, message_id) references messages (workspace_id, id)
);
create unique index outbound_emails_by_notification on outbound_emails (notification_id)
  where notification_id is not null;
create index outbound_emails_by_message on outbound_emails (workspace_id, message_id)
  where message_id is not null;
create index outbound_emails_by_ticket on outbound_emails (workspace_id, ticket_id, created_at);
create index outbound_emails_for_sweep on outbound_emails (sweep_after) where status = 'queued';
-- The per-recipient limit of automatic mail counts the last hour by first address.
create index outbound_emails_automatic_by_recipient on outbound_emails ((to_addresses[1]), created_at)
  where automatic;

-- A chat the agents did not answer in time continues by email: one row per ticket, written
-- once (the primary key makes the sweep's claim exact across instances).
create table ticket_email_fallbacks (
  ticket_id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  address text not null,
  created_at timestamptz not null,
  foreign key (workspace_id, ticket_id) references tickets (workspace_id, id)
);
create index tickets_chat_awaiting_agent on tickets (last_customer_message_at)
  where channel = 'chat' and deleted_at is null;
