-- Automation: business-hours calendars, SLA policies and clocks, rule sets and rules with
-- their run log and counters, time-rule timers, macros, canned responses, round-robin
-- cursors, webhooks with deliveries, and the notification outbox.

-- Rule-made events carry their cascade ({ depth, firedRuleIds }): the rules engine bounds
-- cascades and never fires a rule twice for one originating change.
alter table events add column cascade jsonb;

-- When the status last changed: the anchor of "pending for 48 hours" time rules.
alter table tickets add column status_changed_at timestamptz;
update tickets set status_changed_at = updated_at;
alter table tickets alter column status_changed_at set not null;

create table business_calendars (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  name text not null,
  time_zone text not null,
  weekly jsonb not null,
  holidays jsonb not null default '[]',
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (workspace_id, id)
);

create table sla_policies (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  name text not null,
  description text,
  position integer not null,
  enabled boolean not null default true,
  -- A rule condition tree choosing the tickets this policy covers; the first enabled policy
  -- (by position) whose conditions match applies.
  conditions jsonb not null,
  targets jsonb not null,
  calendar_id uuid,
  warn_before_minutes integer not null default 0 check (warn_before_minutes >= 0),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (workspace_id, id),
  foreign key (workspace_id, calendar_id) references business_calendars (workspace_id, id)
);
create index sla_policies_order on sla_policies (workspace_id, position);

-- The SLA clocks of each ticket, recomputed from its history on every relevant change.
-- next_event_at (the next warning or breach) is what the minute sweep looks up by index.
create table ticket_slas (
  workspace_id uuid not null,
  ticket_id uuid not null,
  policy_id uuid not null,
  clocks jsonb not null,
  next_event_at timestamptz,
  updated_at timestamptz not null,
  primary key (workspace_id, ticket_id),
  foreign key (workspace_id, ticket_id) references tickets (workspace_id, id),
  foreign key (workspace_id, policy_id) references sla_policies (workspace_id, id)
);
create index ticket_slas_due on ticket_slas (next_event_at) where next_event_at is not null;

create table rule_sets (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  kind text not null check (kind in ('creation', 'update', 'time')),
  name text not null,
  mode text not null check (mode in ('first_match', 'all_matches')),
  position integer not null,
  enabled boolean not null default true,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (workspace_id, id)
);
create index rule_sets_order on rule_sets (workspace_id, kind, position);

create table rules (
  id uuid primary key,
  workspace_id uuid not null,
  rule_set_id uuid not null,
  position integer not null,
  name text not null,
  description text,
  kind text not null check (kind in ('creation', 'update', 'time')),
  enabled boolean not null default true,
  events text[],
  ignore_own_changes boolean not null default true,
  conditions jsonb not null,
  actions jsonb not null,
  -- Time rules only: { since, hours, isBusinessTime, isInclusive } from timeAnchorOf.
  time_anchor jsonb,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (workspace_id, id),
  foreign key (workspace_id, rule_set_id) references rule_sets (workspace_id, id) on delete cascade
);
create index rules_order on rules (workspace_id, rule_set_id, position);

-- Counters per rule, updated in the transaction that logs its runs.
create table rule_stats (
  workspace_id uuid not null,
  rule_id uuid not null,
  runs bigint not null default 0,
  matches bigint not null default 0,
  failures bigint not null default 0,
  total_duration_us bigint not null default 0,
  last_run_at timestamptz,
  last_matched_at timestamptz,
  last_failed_at timestamptz,
  primary key (workspace_id, rule_id),
  foreign key (workspace_id, rule_id) references rules (workspace_id, id) on delete cascade
);

-- One row per evaluation of the rules for one event: every rule's outcome (matched,
-- not_matched, skipped, failed), its effects, error and duration, in `results`.
create table rule_runs (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references workspaces (id),
  ticket_id uuid not null,
  event_id bigint,
  kind text not null check (kind in ('creation', 'update', 'time')),
  cascade_depth integer not null default 0,
  results jsonb not null,
  matched_rule_ids uuid[] not null default '{}',
  failed_rule_ids uuid[] not null default '{}',
  duration_us integer not null,
  created_at timestamptz not null
);
create index rule_runs_by_ticket on rule_runs (workspace_id, ticket_id, id);
create index rule_runs_by_workspace on rule_runs (workspace_id, id);
create index rule_runs_matched on rule_runs using gin (matched_rule_ids);
create index rule_runs_failed on rule_runs using gin (failed_rule_ids);
-- The same event is evaluated once per kind, even if its job is delivered twice.
create unique index rule_runs_once on rule_runs (workspace_id, event_id, kind, cascade_depth) where event_id is not null;

-- When each time rule becomes due for each ticket (anchor + threshold, in business time
-- where the rule says so). The minute sweep reads due rows by index, never all tickets.
create table ticket_timers (
  workspace_id uuid not null,
  ticket_id uuid not null,
  rule_id uuid not null,
  due_at timestamptz not null,
  -- The anchor instant: a time rule fires once per window, i.e. per anchor value.
  window_key text not null,
  primary key (workspace_id, ticket_id, rule_id),
  foreign key (workspace_id, ticket_id) references tickets (workspace_id, id),
  foreign key (workspace_id, rule_id) references rules (workspace_id, id) on delete cascade
);
create index ticket_timers_due on ticket_timers (due_at);

create table time_rule_firings (
  workspace_id uuid not null,
  rule_id uuid not null,
  ticket_id uuid not null,
  window_key text not null,
  fired_at timestamptz not null,
  primary key (workspace_id, rule_id, ticket_id, window_key),
  foreign key (workspace_id, rule_id) references rules (workspace_id, id) on delete cascade
);

create table canned_responses (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  name text not null,
  shortcut text,
  -- null: shared with the workspace; otherwise personal to this agent.
  owner_id uuid,
  -- { "ko": "…", "en": "…" }: the requester's language picks the variant.
  bodies jsonb not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (workspace_id, id),
  foreign key (workspace_id, owner_id) references users (workspace_id, id) on delete cascade
);
create index canned_responses_name on canned_responses (workspace_id, lower(name));

create table macros (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  name text not null,
  description text,
  owner_id uuid,
  actions jsonb not null,
  usage_count bigint not null default 0,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (workspace_id, id),
  foreign key (workspace_id, owner_id) references users (workspace_id, id) on delete cascade
);
create index macros_name on macros (workspace_id, lower(name));

-- Round-robin position per scope ('team:<id>' or 'workspace'), read FOR UPDATE so that
-- every instance continues the same rotation, and restarts do not reset it.
create table assignment_cursors (
  workspace_id uuid not null references workspaces (id),
  scope text not null,
  last_agent_id uuid,
  updated_at timestamptz not null,
  primary key (workspace_id, scope)
);

create table webhooks (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  name text not null,
  url text not null,
  -- HMAC-SHA256 key for the X-Switchboard-Signature header; shown once at creation.
  secret text not null,
  enabled boolean not null default true,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (workspace_id, id)
);

create table webhook_deliveries (
  id uuid primary key,
  workspace_id uuid not null,
  webhook_id uuid not null,
  ticket_id uuid,
  rule_id uuid,
  payload jsonb not null,
  status text not null check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  last_status_code integer,
  last_error text,
  created_at timestamptz not null,
  delivered_at timestamptz,
  foreign key (workspace_id, webhook_id) references webhooks (workspace_id, id) on delete cascade
);
create index webhook_deliveries_by_webhook on webhook_deliveries (workspace_id, webhook_id, created_at desc);

-- Messages to agents, teams and customers that rules and alerts want sent. The email
-- channel delivers them; until it exists they are stored here and visible through the API.
create table notifications (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id),
  ticket_id uuid,
  recipient_kind text not null check (recipient_kind in ('agent', 'team', 'requester')),
  recipient_id uuid,
  recipient_address text,
  subject text not null,
  body_text text not null,
  body_html text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'skipped')),
  error text,
  cause jsonb not null default '{}',
  created_at timestamptz not null,
  sent_at timestamptz
);
create index notifications_by_status on notifications (workspace_id, status, created_at);
create index notifications_by_ticket on notifications (workspace_id, ticket_id, created_at);

-- The transactional inbox of the rules engine. A trigger on events files every ticket
-- event here in the same transaction as the change, so no command can forget to, and a
-- crash cannot lose or duplicate one. Workers claim rows with FOR UPDATE SKIP LOCKED and
-- delete them in the transaction that applies the rules' effects: each event is evaluated
-- exactly once, by one instance.
create table automation_inbox (
  id bigint generated always as identity primary key,
  workspace_id uuid not null,
  ticket_id uuid not null,
  event_id bigint not null,
  created_at timestamptz not null default now()
);
create index automation_inbox_by_ticket on automation_inbox (ticket_id, id);

create function events_file_automation() returns trigger language plpgsql as $$
begin
  if new.ticket_id is not null then
    insert into automation_inbox (workspace_id, ticket_id, event_id)
      values (new.workspace_id, new.ticket_id, new.id);
    perform pg_notify('switchboard_automation', '');
  end if;
  return null;
end
$$;
create trigger events_file_automation after insert on events
  for each row execute function events_file_automation();
