-- Channels other than email and the messenger: the public web form, phone call logs and the
-- generic inbound API for social networks and other sources. A ticket remembers the channel
-- (source) it came through so its name shows on the ticket; its messages keep their own
-- channel each, so one ticket can continue across channels.

create table channels (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  kind text not null check (kind in ('web_form', 'phone', 'api', 'social')),
  name text not null check (length(name) between 1 and 200),
  settings jsonb not null default '{}',
  enabled boolean not null default true,
  -- Signs the web form's timestamp token (HMAC-SHA256); never shown by the API.
  secret text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (workspace_id, id)
);
create index channels_by_kind on channels (workspace_id, kind, created_at, id);

alter table tickets add column channel_id uuid;
alter table tickets
  add constraint tickets_channel_fk foreign key (workspace_id, channel_id) references channels (workspace_id, id);
create index tickets_by_channel on tickets (workspace_id, channel_id) where channel_id is not null;

create table calls (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  ticket_id uuid not null,
  message_id uuid not null,
  direction text not null check (direction in ('inbound', 'outbound')),
  -- E.164 (+821012345678).
  from_number text not null,
  to_number text not null,
  duration_seconds integer not null check (duration_seconds >= 0),
  agent_id uuid,
  recording_attachment_id uuid,
  recording_url text,
  transcript text,
  started_at timestamptz not null,
  ended_at timestamptz,
  -- The telephony system's call id: logging the same call twice returns the first log.
  external_id text,
  created_at timestamptz not null,
  unique (workspace_id, id),
  unique (workspace_id, external_id),
  foreign key (workspace_id, ticket_id) references tickets (workspace_id, id),
  foreign key (workspace_id, message_id) references messages (workspace_id, id),
  foreign key (workspace_id, agent_id) references users (workspace_id, id),
  foreign key (workspace_id, recording_attachment_id) references attachments (workspace_id, id)
);
create index calls_by_ticket on calls (workspace_id, ticket_id, started_at, id);

-- Generic inbound API: one row per external message, claimed before the message is written,
-- so a retry (or a concurrent duplicate) answers with the first result.
create table channel_inbound_messages (
  workspace_id uuid not null,
  channel_id uuid not null,
  external_message_id text not null,
  ticket_id uuid,
  message_id uuid,
  created_ticket boolean not null default false,
  created_at timestamptz not null,
  primary key (workspace_id, channel_id, external_message_id),
  foreign key (workspace_id, channel_id) references channels (workspace_id, id) on delete cascade,
  foreign key (workspace_id, ticket_id) references tickets (workspace_id, id),
  foreign key (workspace_id, message_id) references messages (workspace_id, id)
);

-- The external conversation a ticket continues (a social thread, a DM conversation).
create table channel_threads (
  workspace_id uuid not null,
  channel_id uuid not null,
  external_thread_id text not null,
  ticket_id uuid not null,
  updated_at timestamptz not null,
  primary key (workspace_id, channel_id, external_thread_id),
  foreign key (workspace_id, channel_id) references channels (workspace_id, id) on delete cascade,
  foreign key (workspace_id, ticket_id) references tickets (workspace_id, id)
);
