/**
 * Background jobs on pg-boss, in the same PostgreSQL as everything else (no Redis).
 * - `send(trx, …)` enqueues inside the caller's transaction: the job exists if and only if
 *   the change that caused it committed.
 * - pg-boss runs over our own pool: on PGlite that pool has one connection, so jobs queue
 *   behind transactions instead of slipping into them (a second handle on PGlite's single
 *   session would run inside whatever transaction is open).
 * - Failed jobs are retried with exponential backoff, then kept as failed and listed by the
 *   API. Cron schedules run once per tick across all instances (pg-boss's singleton).
 */

import type { Kysely } from 'kysely';
import type pg from 'pg';
import { fromKysely, type Job, PgBoss, type SendOptions, type WorkOptions } from 'pg-boss';
import type { Database } from '../db/client.ts';
import type { DB } from '../db/schema.ts';

export type JobQueue = {
  readonly boss: PgBoss;
  readonly schema: string;
  /** Enqueue as part of the caller's transaction. */
  send(trx: Kysely<DB>, queue: string, data: object, options?: SendOptions): Promise<void>;
  work<T extends object>(
    queue: string,
    options: WorkOptions,
    handler: (jobs: Job<T>[]) => Promise<void>,
  ): Promise<void>;
  stop(): Promise<void>;
};

export type QueueDefinition = {
  name: string;
  retryLimit: number;
  retryDelaySeconds: number;
  expireInSeconds: number;
};

/** pg-boss over a pg.Pool; multi-statement queries must return the rows of every statement. */
function poolAdapter(pool: pg.Pool) {
  return {
    executeSql: async (text: string, values?: unknown[]) => {
      const result = (await pool.query(text, values as unknown[] | undefined)) as
        | pg.QueryResult
        | pg.QueryResult[];
      return { rows: Array.isArray(result) ? result.flatMap((r) => r.rows) : result.rows };
    },
  };
}

/**
 * Two instances starting together on a fresh database can both try to create pg-boss's
 * schema; the loser fails on pg_namespace's unique index. Its second attempt finds the schema.
 */
async function startRetryingSchemaRace(boss: PgBoss): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.start();
      return;
    } catch (error) {
      const isRace = (error as { code?: string }).code === '23505';
      if (!isRace || attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

export async function startJobQueue(
  database: Database,
  options: { schema: string; queues: readonly QueueDefinition[]; onError: (error: Error) => void },
): Promise<JobQueue> {
  const boss = new PgBoss({
    db: poolAdapter(database.pool),
    schema: options.schema,
    ...(database.engine === 'pglite' ? { backend: 'pglite' as const } : {}),
  });
  boss.on('error', options.onError);
  await startRetryingSchemaRace(boss);
  for (const q of options.queues) {
    await boss.createQueue(q.name, {
      retryLimit: q.retryLimit,
      retryDelay: q.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: q.expireInSeconds,
    });
  }
  return {
    boss,
    schema: options.schema,
    send: async (trx, queue, data, sendOptions = {}) => {
      await boss.send(queue, data, { ...sendOptions, db: fromKysely(trx as never) });
    },
    work: async (queue, workOptions, handler) => {
      await boss.work(queue, workOptions, handler);
    },
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
}
