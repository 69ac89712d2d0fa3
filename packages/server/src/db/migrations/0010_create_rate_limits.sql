-- Rate-limit counters shared by every instance on one PostgreSQL server (the embedded
-- default is one process and counts in memory). One row per caller and window; unlogged,
-- because a counter lost in a crash only forgives a minute of requests, and unlogged
-- writes skip the WAL on the hot path of every API request.
create unlogged table rate_limit_counters (
  key text primary key,
  count integer not null,
  window_ends_at timestamptz not null
);
create index rate_limit_counters_expiry on rate_limit_counters (window_ends_at);
