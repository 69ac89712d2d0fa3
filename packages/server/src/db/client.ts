/**
 * One database, two ways to run it: embedded PGlite (in-process, files under the data
 * directory) when no DATABASE_URL is set, a PostgreSQL 15+ server otherwise. Both are
 * reached through Kysely's PostgresDialect over a `pg.Pool`; for PGlite the pool wraps
 * PGlite's node-postgres adapter with `max: 1`, because PGlite runs one query at a time
 * (a larger pool corrupts its protocol stream).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import type { DB } from './schema.ts';

export type Engine = 'pglite' | 'postgres';

export type Database = {
  readonly db: Kysely<DB>;
  readonly engine: Engine;
  /** Only set in embedded mode: the in-process engine, for NOTIFY listeners and dumps. */
  readonly pglite: PGlite | null;
  /** The pool under Kysely: for libraries that speak `pg` (the job queue). */
  readonly pool: pg.Pool;
  close(): Promise<void>;
};

export type OpenDatabaseOptions =
  | { kind: 'postgres'; url: string; poolSize?: number; searchPath?: string }
  | { kind: 'pglite'; dataDir: string | null }
  | { kind: 'pglite-instance'; pglite: PGlite };

// Ticket numbers and counts are bigint; they stay far below 2^53, so read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres')
    return openPostgres(options.url, options.poolSize ?? 10, options.searchPath);
  if (options.kind === 'pglite-instance') return wrapPglite(options.pglite, () => {});
  if (options.dataDir === null) return wrapPglite(await PGlite.create(), () => {});
  const dir = ensureDir(join(options.dataDir, 'pg'));
  const release = lockDataDir(dir);
  try {
    return wrapPglite(await PGlite.create(dir), release);
  } catch (error) {
    release();
    throw error;
  }
}

function ensureDir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}

function openPostgres(url: string, poolSize: number, searchPath?: string): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  });
  // An idle client losing its connection (server restart, pg_terminate_backend) must not
  // crash the process; the pool drops the client and the next query opens a new one.
  pool.on('error', () => {});
  // A connection that dies while checked out (mid-transaction) emits 'error' on the client:
  // without a listener that is an uncaught exception. The running query still rejects, and
  // the pool discards the broken client when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    pglite: null,
    pool,
    close: () => db.destroy(),
  };
}

function wrapPglite(pglite: PGlite, releaseLock: () => void): Database {
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    pglite,
    pool,
    close: async () => {
      await db.destroy();
      await pglite.close();
      releaseLock();
    },
  };
}
