-- The messenger (web chat) channel: per-workspace widget settings, the visitors who open
-- it, which chat tickets belong to which visitor, client message keys that make resends
-- idempotent, and how far each side of a conversation has read.

-- One row per workspace, created on first use. `workspace_key` is public (it sits in the
-- script tag of the customer's site). `identity_secret` signs identified users
-- (HMAC-SHA256 of the user id, computed by the site's backend); the server must read it
-- back to verify hashes, so it is sealed with SWITCHBOARD_SECRET_KEY (platform/secret-box.ts),
-- and is null until an admin rotates one into existence (it is shown once, in that answer).
create table messenger_settings (
  workspace_id uuid primary key references workspaces (id),
  workspace_key text not null unique,
  identity_secret text,
  identity_required boolean not null default false,
  enabled boolean not null default true,
  brand_color text not null default '#2563eb' check (brand_color ~ '^#[0-9a-f]{6}$'),
  greeting_ko text not null default '',
  greeting_en text not null default '',
  pre_chat_name text not null default 'optional' check (pre_chat_name in ('off', 'optional', 'required')),
  pre_chat_email text not null default 'optional' check (pre_chat_email in ('off', 'optional', 'required')),
  updated_at timestamptz not null default now()
);

-- A visitor is one widget session (one browser). Its bearer token is stored as sha256 only.
-- Identified visitors carry the site's user id; all sessions of one user share its history.
create table messenger_visitors (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  token_hash text not null unique,
  contact_id uuid,
  external_user_id text,
  name text,
  email text,
  language text,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  unique (workspace_id, id),
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id)
);
create index messenger_visitors_by_user on messenger_visitors (workspace_id, external_user_id)
  where external_user_id is not null;

-- A conversation is a ticket on channel 'chat'; this says which visitor opened it.
create table messenger_conversations (
  workspace_id uuid not null,
  ticket_id uuid not null,
  visitor_id uuid not null,
  external_user_id text,
  created_at timestamptz not null,
  primary key (workspace_id, ticket_id),
  foreign key (workspace_id, ticket_id) references tickets (workspace_id, id),
  foreign key (workspace_id, visitor_id) references messenger_visitors (workspace_id, id)
);
create index messenger_conversations_by_visitor on messenger_conversations (workspace_id, visitor_id);
create index messenger_conversations_by_user on messenger_conversations (workspace_id, external_user_id)
  where external_user_id is not null;

-- The widget names every message it sends; a resend after a lost answer finds the message
-- already stored instead of adding it twice. Keyed per visitor so visitors cannot collide.
-- The key is claimed (ticket and message still null) before the message is written, in the
-- same transaction: a racing resend waits on that row and then finds the finished answer.
create table messenger_client_messages (
  workspace_id uuid not null,
  visitor_id uuid not null,
  client_message_id text not null check (length(client_message_id) between 1 and 100),
  ticket_id uuid,
  message_id uuid,
  created_at timestamptz not null,
  primary key (workspace_id, visitor_id, client_message_id),
  foreign key (workspace_id, visitor_id) references messenger_visitors (workspace_id, id),
  foreign key (workspace_id, message_id) references messages (workspace_id, id)
);
create index messenger_client_messages_by_message on messenger_client_messages (workspace_id, message_id);

-- The last message each side has read (read receipts); 'agent' is any agent of the workspace.
create table messenger_read_states (
  workspace_id uuid not null,
  ticket_id uuid not null,
  side text not null check (side in ('visitor', 'agent')),
  last_read_message_id uuid not null,
  read_at timestamptz not null,
  primary key (workspace_id, ticket_id, side),
  foreign key (workspace_id, ticket_id) references tickets (workspace_id, id)
);
