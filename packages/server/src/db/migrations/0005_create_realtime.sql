-- Realtime: every ticket event is announced on the `switchboard_events` channel once its
-- transaction commits (NOTIFY is delivered on commit, so a listener never hears of an event
-- it cannot read yet). The payload is a poke, not the event: listeners load the announced
-- rows by id. Listeners must not read "events with id > cursor" instead: identity values are
-- taken at insert and can commit out of order.
create function events_announce_realtime() returns trigger language plpgsql as $$
begin
  if new.ticket_id is not null then
    perform pg_notify(
      'switchboard_events',
      json_build_object('w', new.workspace_id, 'e', new.id, 't', new.ticket_id, 'y', new.type)::text
    );
  end if;
  return null;
end
$$;
create trigger events_announce_realtime after insert on events
  for each row execute function events_announce_realtime();

-- Who is looking at which ticket, across instances: one row per (ticket, socket). Each
-- instance writes its own sockets' rows and refreshes them on heartbeat; a row past
-- expires_at is stale (its socket or its instance died) and is ignored, then swept.
create table realtime_presence (
  workspace_id uuid not null references workspaces (id),
  ticket_id uuid not null,
  connection_id text not null,
  user_id uuid not null,
  user_name text not null,
  state text not null check (state in ('viewing', 'replying', 'idle')),
  updated_at timestamptz not null,
  expires_at timestamptz not null,
  primary key (ticket_id, connection_id)
);
create index realtime_presence_expiry on realtime_presence (expires_at);
