/**
 * A @fastify/rate-limit store that counts in PostgreSQL, so that several instances behind a
 * load balancer share one budget per caller (the plugin's own store counts per process).
 * Fixed windows: the first request of a window sets its end; each request is one upsert
 * that either starts a new window or adds one, and returns the count and time left.
 * Expired rows are deleted now and then by the requests themselves.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Roughly one request in this many also deletes expired counters. */
const cleanUpEvery = 1000;

export async function countRequest(
  db: Kysely<DB>,
  key: string,
  windowMs: number,
): Promise<{ current: number; ttl: number }> {
  const { rows } = await sql<{ count: number; ttl: number }>`
    insert into rate_limit_counters as c (key, count, window_ends_at)
    values (${key}, 1, clock_timestamp() + ${windowMs} * interval '1 millisecond')
    on conflict (key) do update set
      count = case when c.window_ends_at <= clock_timestamp() then 1 else c.count + 1 end,
      window_ends_at = case when c.window_ends_at <= clock_timestamp()
                            then clock_timestamp() + ${windowMs} * interval '1 millisecond'
                            else c.window_ends_at end
    returning count, greatest(0, ceil(extract(epoch from window_ends_at - clock_timestamp()) * 1000))::int as ttl`.execute(
    db,
  );
  const row = rows[0];
  if (!row) throw new Error('rate limit upsert returned no row');
  return { current: row.count, ttl: row.ttl };
}

export async function deleteExpiredCounters(db: Kysely<DB>): Promise<void> {
  await sql`delete from rate_limit_counters where window_ends_at < clock_timestamp()`.execute(db);
}

/** The store class the plugin instantiates; `prefix` keeps route-specific limits apart. */
export function postgresRateLimitStore(db: Kysely<DB>): FastifyRateLimitStoreCtor {
  const make = (prefix: string): FastifyRateLimitStore => ({
    incr(key, callback, timeWindow) {
      countRequest(db, `${prefix}${key}`, timeWindow).then(
        (result) => {
          if (Math.random() * cleanUpEvery < 1) deleteExpiredCounters(db).catch(() => {});
          callback(null, result);
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
    child(routeOptions) {
      return make(`${routeOptions.method}:${routeOptions.url}:`);
    },
  });
  // The plugin calls `new store(options)`; a constructor returning an object yields that object.
  return function PostgresRateLimitStore() {
    return make('global:');
  } as unknown as FastifyRateLimitStoreCtor;
}
