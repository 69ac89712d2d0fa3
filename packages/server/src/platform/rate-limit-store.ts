/**
 * A @fastify/rate-limit store that counts in PostgreSQL, so that several instances behind a
 * load balancer share one budget per caller (the plugin's own store counts per process).
 *
 * Fixed windows. A caller's first request in a window (on this instance) is counted in the
 * database at once and learns the global count; its further requests are counted here and
 * sent in one statement for all callers every `flushMs`, which also brings back what the
 * other instances counted. So a busy API token costs one upsert per flush, not one per
 * request (a per-request upsert of one hot row serialised all of that token's requests),
 * and an instance can admit at most `flushMs` worth of requests beyond the limit.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Sends the rate-limit counts this instance has not sent yet (no-op when counting in memory). */
    flushRateLimits(): Promise<void>;
  }
}

type Row = { key: string; count: number; ttl: number };

/** Adds `counts[i]` to `keys[i]`'s window (starting a new one where it ended); the totals and time left. */
export async function countRequests(
  db: Kysely<DB>,
  batch: { keys: string[]; counts: number[]; windowsMs: number[] },
): Promise<Row[]> {
  const { rows } = await sql<Row>`
    insert into rate_limit_counters as c (key, count, window_ends_at)
    select k, n, clock_timestamp() + w * interval '1 millisecond'
      from unnest(${batch.keys}::text[], ${batch.counts}::int[], ${batch.windowsMs}::int[]) as b(k, n, w)
    on conflict (key) do update set
      count = case when c.window_ends_at <= clock_timestamp() then excluded.count else c.count + excluded.count end,
      window_ends_at = case when c.window_ends_at <= clock_timestamp() then excluded.window_ends_at
                            else c.window_ends_at end
    returning key, count, greatest(0, ceil(extract(epoch from window_ends_at - clock_timestamp()) * 1000))::int as ttl`.execute(
    db,
  );
  return rows;
}

export async function countRequest(db: Kysely<DB>, key: string, windowMs: number) {
  const [row] = await countRequests(db, { keys: [key], counts: [1], windowsMs: [windowMs] });
  if (!row) throw new Error('rate limit upsert returned no row');
  return { current: row.count, ttl: row.ttl };
}

export async function deleteExpiredCounters(db: Kysely<DB>): Promise<void> {
  await sql`delete from rate_limit_counters where window_ends_at < clock_timestamp()`.execute(db);
}

type Counter = { windowMs: number; endsAt: number; known: number; pending: number };

export type PostgresRateLimitStore = FastifyRateLimitStoreCtor & {
  /** Sends the counts not yet sent (tests; otherwise every `flushMs`). */
  flush(): Promise<void>;
};

/** The store class the plugin instantiates; `prefix` keeps route-specific limits apart. */
export function postgresRateLimitStore(
  db: Kysely<DB>,
  options: { flushMs?: number } = {},
): PostgresRateLimitStore {
  const flushMs = options.flushMs ?? 250;
  const counters = new Map<string, Counter>();
  let timer: NodeJS.Timeout | null = null;
  let flushes = 0;

  async function flush(): Promise<void> {
    timer = null;
    const now = Date.now();
    const batch: { keys: string[]; counts: number[]; windowsMs: number[] } = {
      keys: [],
      counts: [],
      windowsMs: [],
    };
    for (const [key, c] of counters) {
      if (c.pending > 0) {
        batch.keys.push(key);
        batch.counts.push(c.pending);
        batch.windowsMs.push(c.windowMs);
        c.pending = 0;
      } else if (c.endsAt <= now) counters.delete(key);
    }
    if (batch.keys.length === 0) return;
    try {
      for (const row of await countRequests(db, batch)) {
        const c = counters.get(row.key);
        if (c) Object.assign(c, { known: row.count, endsAt: Date.now() + row.ttl });
      }
      if (++flushes % 100 === 0) await deleteExpiredCounters(db);
    } catch {
      // Not lost: counted again with the next flush.
      for (const [i, key] of batch.keys.entries()) {
        const c = counters.get(key);
        if (c) c.pending += batch.counts[i] ?? 0;
      }
      schedule();
    }
  }

  function schedule() {
    if (timer) return;
    timer = setTimeout(() => void flush(), flushMs);
    timer.unref();
  }

  const make = (prefix: string): FastifyRateLimitStore => ({
    incr(rawKey, callback, timeWindow) {
      const key = `${prefix}${rawKey}`;
      const now = Date.now();
      const c = counters.get(key);
      if (c && c.endsAt > now) {
        c.pending++;
        schedule();
        callback(null, { current: c.known + c.pending, ttl: c.endsAt - now });
        return;
      }
      countRequest(db, key, timeWindow).then(
        (result) => {
          const fresh = counters.get(key);
          // Requests counted here while the upsert ran stay pending on top of the total.
          const pending = fresh && fresh.endsAt > Date.now() ? fresh.pending : 0;
          counters.set(key, {
            windowMs: timeWindow,
            endsAt: Date.now() + result.ttl,
            known: result.current,
            pending,
          });
          callback(null, { current: result.current + pending, ttl: result.ttl });
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
    child(routeOptions) {
      return make(`${routeOptions.method}:${routeOptions.url}:`);
    },
  });
  // The plugin calls `new store(options)`; a constructor returning an object yields that object.
  const Store = function PostgresRateLimitStore() {
    return make('global:');
  } as unknown as PostgresRateLimitStore;
  Store.flush = flush;
  return Store;
}
