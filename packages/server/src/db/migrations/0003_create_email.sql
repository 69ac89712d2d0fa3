-- Email in: the mailboxes a workspace receives on, every inbound mail we were handed (kept
-- raw in the content-addressed attachment store, so nothing is ever lost), and the map of
-- Message-ID headers to tickets that threads replies (outbound mail writes its ids there too).

create table mailboxes (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  -- Lower-cased; unique across workspaces so an SMTP recipient maps to one workspace.
  address text not null unique check (address = lower(address) and address like '%_@_%'),
  name text not null,
  team_id uuid,
  from_name text,
  signature_text text not null default '',
  -- sha256 of the bearer secret of the raw MIME webhook; the secret is shown once.
  inbound_secret_hash text not null,
  imap_host text,
  imap_port integer check (imap_port between 1 and 65535),
  imap_secure boolean not null default true,
  imap_user text,
  -- AES-256-GCM with SWITCHBOARD_SECRET_KEY (platform/secret-box.ts); never returned by the API.
  imap_password_encrypted text,
  imap_folder text not null default 'INBOX',
  imap_enabled boolean not null default false,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (workspace_id, id),
  unique (workspace_id, address),
  foreign key (workspace_id, team_id) references teams (workspace_id, id)
);
create index mailboxes_by_workspace on mailboxes (workspace_id, created_at, id);

create table inbound_emails (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  mailbox_id uuid,
  source text not null check (source in ('smtp', 'imap', 'webhook')),
  -- The Message-ID header (without angle brackets), or `sha256-<hex>@switchboard.invalid`
  -- derived from the raw bytes when the mail has none: the idempotency key of delivery.
  message_id_header text not null,
  from_address text,
  subject text not null default '',
  recipients text[] not null default '{}',
  raw_sha256 text not null check (raw_sha256 ~ '^[0-9a-f]{64}$'),
  raw_size_bytes bigint not null check (raw_size_bytes >= 0),
  classification text check (classification in ('normal', 'auto_reply', 'bounce', 'bulk')),
  status text not null check (status in ('stored', 'duplicate', 'ignored', 'failed')),
  reason text,
  error text,
  ticket_id uuid,
  message_id uuid,
  attempts integer not null default 1,
  received_at timestamptz not null,
  processed_at timestamptz,
  unique (workspace_id, id),
  foreign key (workspace_id, mailbox_id) references mailboxes (workspace_id, id) on delete set null (mailbox_id),
  foreign key (workspace_id, ticket_id) references tickets (workspace_id, id),
  foreign key (workspace_id, message_id) references messages (workspace_id, id)
);
-- Duplicates (the same mail by SMTP and IMAP, a retried webhook) are rows too, so the
-- idempotency key is unique only among the first deliveries.
create unique index inbound_emails_message_id on inbound_emails (workspace_id, message_id_header)
  where status <> 'duplicate';
create index inbound_emails_by_status on inbound_emails (workspace_id, status, received_at desc, id desc);
create index inbound_emails_by_sender on inbound_emails (workspace_id, from_address, received_at);
create index inbound_emails_by_ticket on inbound_emails (workspace_id, ticket_id) where ticket_id is not null;
create index inbound_emails_by_message on inbound_emails (workspace_id, message_id) where message_id is not null;

create table email_message_ids (
  workspace_id uuid not null references workspaces (id),
  message_id_header text not null,
  ticket_id uuid not null,
  message_id uuid,
  direction text not null check (direction in ('in', 'out')),
  created_at timestamptz not null default now(),
  primary key (workspace_id, message_id_header),
  foreign key (workspace_id, ticket_id) references tickets (workspace_id, id),
  foreign key (workspace_id, message_id) references messages (workspace_id, id)
);
create index email_message_ids_by_ticket on email_message_ids (workspace_id, ticket_id);

-- The HMAC key of reply tokens (`support+<token>@…`, email/reply-token.ts), one per
-- workspace, made on first use: random, so no configuration is needed for it.
create table email_reply_keys (
  workspace_id uuid primary key references workspaces (id),
  key_hex text not null check (key_hex ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now()
);
