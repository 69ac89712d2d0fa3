-- Foundation: workspaces, people, tickets, messages, attachments, events, auth.
-- Every tenant row carries workspace_id, and foreign keys between tenant tables are
-- composite (workspace_id, id) so that the database itself refuses a row that points
-- into another workspace. Only PostgreSQL 15 features: this file runs on PGlite (PG 18)
-- and on Debian's PostgreSQL 15 alike.

create table workspaces (
  id uuid primary key,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name text not null,
  -- Ticket numbers come from a sequence per workspace, named ticket_numbers_<id without
  -- dashes> (see workspaces.repository.ts): a counter row would serialise every ticket
  -- creation in the workspace behind one row lock. Gaps after a rollback are accepted
  -- (Zendesk's numbers have them too).
  settings jsonb not null default '{}',
  created_at timestamptz not null default now()
);

create table users (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  email text not null check (email = lower(email)),
  name text not null,
  password_hash text,
  role text not null check (role in ('owner', 'admin', 'agent', 'light_agent')),
  status text not null default 'offline' check (status in ('online', 'away', 'offline')),
  capacity integer not null default 20 check (capacity >= 0),
  languages text[] not null default '{}',
  topics text[] not null default '{}',
  locale text not null default 'en',
  time_zone text not null default 'UTC',
  deactivated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, id),
  unique (workspace_id, email)
);

create table teams (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  name text not null,
  description text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, id)
);
create unique index teams_name_unique on teams (workspace_id, lower(name));

create table team_members (
  workspace_id uuid not null,
  team_id uuid not null,
  user_id uuid not null,
  primary key (workspace_id, team_id, user_id),
  foreign key (workspace_id, team_id) references teams (workspace_id, id) on delete cascade,
  foreign key (workspace_id, user_id) references users (workspace_id, id) on delete cascade
);
create index team_members_user on team_members (workspace_id, user_id);

create table organizations (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  name text not null,
  domains text[] not null default '{}',
  attributes jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, id)
);
create index organizations_name on organizations (workspace_id, lower(name));

create table contacts (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  name text not null,
  language text,
  time_zone text,
  is_vip boolean not null default false,
  organization_id uuid,
  attributes jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, id),
  foreign key (workspace_id, organization_id) references organizations (workspace_id, id)
);
create index contacts_organization on contacts (workspace_id, organization_id);
create index contacts_name on contacts (workspace_id, lower(name));

-- One contact, several identities: the same customer writes from two mailboxes, calls
-- from a phone and is known to the shop's backend by an id.
create table contact_identities (
  id uuid primary key,
  workspace_id uuid not null,
  contact_id uuid not null,
  kind text not null check (kind in ('email', 'phone', 'external')),
  value text not null,
  created_at timestamptz not null default now(),
  unique (workspace_id, kind, value),
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
);
create index contact_identities_contact on contact_identities (workspace_id, contact_id);

create table custom_field_definitions (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  key text not null,
  label text not null,
  type text not null check (type in ('text', 'number', 'dropdown', 'date', 'checkbox')),
  options jsonb not null default '[]',
  required boolean not null default false,
  description text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, key)
);

create table tickets (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  number bigint not null,
  subject text not null,
  status text not null check (status in ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
  priority text not null check (priority in ('low', 'normal', 'high', 'urgent')),
  -- Sorting by priority must use an index, so the rank is stored.
  priority_rank smallint generated always as (
    case priority when 'low' then 1 when 'normal' then 2 when 'high' then 3 else 4 end
  ) stored,
  type text check (type in ('question', 'incident', 'problem', 'task')),
  channel text not null check (channel in ('email', 'chat', 'web', 'phone', 'api', 'social')),
  language text,
  tags text[] not null default '{}',
  custom_fields jsonb not null default '{}',
  requester_id uuid not null,
  organization_id uuid,
  assignee_id uuid,
  team_id uuid,
  parent_id uuid,
  merged_into_id uuid,
  follow_up_of_id uuid,
  -- Bumped by every write; the ETag is derived from it (If-Match → 412 on a stale write).
  version integer not null default 1,
  -- Words and character bigrams of the subject and every message (see core search-terms).
  search_vector tsvector not null default ''::tsvector,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  first_response_at timestamptz,
  solved_at timestamptz,
  closed_at timestamptz,
  last_customer_message_at timestamptz,
  last_agent_message_at timestamptz,
  deleted_at timestamptz,
  unique (workspace_id, id),
  unique (workspace_id, number),
  foreign key (workspace_id, requester_id) references contacts (workspace_id, id),
  foreign key (workspace_id, organization_id) references organizations (workspace_id, id),
  foreign key (workspace_id, assignee_id) references users (workspace_id, id),
  foreign key (workspace_id, team_id) references teams (workspace_id, id),
  foreign key (workspace_id, parent_id) references tickets (workspace_id, id),
  foreign key (workspace_id, merged_into_id) references tickets (workspace_id, id),
  foreign key (workspace_id, follow_up_of_id) references tickets (workspace_id, id)
);
-- Inbox views: each list filter that agents use all day has an index ending in the sort
-- key and id, so the first page is an index range scan (budget: p95 < 20 ms at 1M rows).
create index tickets_by_updated on tickets (workspace_id, updated_at desc, id desc) where deleted_at is null;
create index tickets_by_created on tickets (workspace_id, created_at desc, id desc) where deleted_at is null;
create index tickets_by_status on tickets (workspace_id, status, updated_at desc, id desc) where deleted_at is null;
create index tickets_by_assignee on tickets (workspace_id, assignee_id, status, updated_at desc, id desc)
  where deleted_at is null;
create index tickets_by_team on tickets (workspace_id, team_id, status, updated_at desc, id desc)
  where deleted_at is null;
create index tickets_by_priority on tickets (workspace_id, priority_rank desc, updated_at desc, id desc)
  where deleted_at is null;
create index tickets_by_requester on tickets (workspace_id, requester_id, created_at desc);
create index tickets_by_organization on tickets (workspace_id, organization_id, created_at desc);
create index tickets_by_parent on tickets (workspace_id, parent_id) where parent_id is not null;
create index tickets_tags on tickets using gin (tags);
create index tickets_search on tickets using gin (search_vector);

create table ticket_followers (
  workspace_id uuid not null,
  ticket_id uuid not null,
  user_id uuid not null,
  primary key (workspace_id, ticket_id, user_id),
  foreign key (workspace_id, ticket_id) references tickets (workspace_id, id) on delete cascade,
  foreign key (workspace_id, user_id) references users (workspace_id, id) on delete cascade
);

create table messages (
  id uuid primary key,
  workspace_id uuid not null,
  ticket_id uuid not null,
  -- Where the message was first written; kept when a merge moves it.
  original_ticket_id uuid not null,
  visibility text not null check (visibility in ('public', 'internal')),
  author_type text not null check (author_type in ('contact', 'agent', 'bot', 'system')),
  author_id uuid,
  channel text not null check (channel in ('email', 'chat', 'web', 'phone', 'api', 'social', 'internal')),
  body_html text not null,
  body_text text not null,
  metadata jsonb not null default '{}',
  created_at timestamptz not null,
  unique (workspace_id, id),
  foreign key (workspace_id, ticket_id) references tickets (workspace_id, id)
);
create index messages_by_ticket on messages (workspace_id, ticket_id, created_at, id);

create table attachments (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  message_id uuid,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  filename text not null,
  content_type text not null,
  size_bytes bigint not null check (size_bytes >= 0),
  created_at timestamptz not null default now(),
  unique (workspace_id, id),
  foreign key (workspace_id, message_id) references messages (workspace_id, id)
);
create index attachments_by_message on attachments (workspace_id, message_id);

-- The append-only record of every change: timeline, audit log, the rules engine's input
-- and the source of every metric. Written in the same transaction as the change.
create table events (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references workspaces (id),
  subject_type text not null,
  subject_id uuid not null,
  ticket_id uuid,
  type text not null,
  actor_type text not null check (actor_type in ('agent', 'contact', 'api_token', 'system', 'rule', 'bot')),
  actor_id uuid,
  -- The agent behind the change: the session's user or the API token's owner.
  user_id uuid,
  via text not null check (via in ('web', 'api', 'email', 'chat', 'phone', 'system', 'cli')),
  data jsonb not null default '{}',
  created_at timestamptz not null
);
create index events_by_ticket on events (workspace_id, ticket_id, id) where ticket_id is not null;
create index events_by_subject on events (workspace_id, subject_type, subject_id, id);
create index events_by_workspace on events (workspace_id, id);

create function events_forbid_change() returns trigger language plpgsql as $$
begin
  raise exception 'events are append-only (% refused)', tg_op using errcode = 'restrict_violation';
end
$$;
create trigger events_append_only before update or delete on events
  for each row execute function events_forbid_change();

create table sessions (
  -- sha256 of the cookie value: a database leak does not leak live sessions.
  id text primary key,
  workspace_id uuid not null,
  user_id uuid not null,
  csrf_token text not null,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  foreign key (workspace_id, user_id) references users (workspace_id, id) on delete cascade
);
create index sessions_by_user on sessions (workspace_id, user_id);

create table api_tokens (
  id uuid primary key,
  workspace_id uuid not null,
  user_id uuid not null,
  name text not null,
  -- sha256 of the token: tokens carry 256 random bits, so a slow hash adds nothing.
  token_hash text not null unique,
  prefix text not null,
  created_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz,
  unique (workspace_id, id),
  foreign key (workspace_id, user_id) references users (workspace_id, id) on delete cascade
);
create index api_tokens_by_user on api_tokens (workspace_id, user_id);

create table idempotency_keys (
  workspace_id uuid not null references workspaces (id),
  principal text not null,
  key text not null,
  request_hash text not null,
  response_status integer not null,
  response_body jsonb not null,
  created_at timestamptz not null,
  primary key (workspace_id, principal, key)
);
create index idempotency_keys_age on idempotency_keys (created_at);
