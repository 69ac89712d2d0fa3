/**
 * Forward-only SQL migrations. Each file in ./migrations runs once, in name order, inside
 * its own transaction, and its sha256 is recorded; a recorded file whose content changed
 * stops the start (a released migration is never edited). An advisory lock makes two
 * instances starting together apply each file once.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '@switchboard/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.ts';

export const migrationsDir = join(import.meta.dirname, 'migrations');

// Any fixed 64-bit number; it only has to differ from other users of advisory locks.
const MIGRATION_LOCK_KEY = 4_711_000_001;

export type MigrationFile = { name: string; sql: string; checksum: string };

export function readMigrationFiles(dir = migrationsDir): MigrationFile[] {
  return readdirSync(dir)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

/** Applies pending migrations; returns the names applied now. */
export async function migrate(db: Kysely<DB>, files = readMigrationFiles()): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await sql`create table if not exists schema_migrations (
      name text primary key, checksum text not null, applied_at timestamptz not null default now())`.execute(
      trx,
    );
    const applied = new Map(
      (await trx.selectFrom('schema_migrations').select(['name', 'checksum']).execute()).map((r) => [
        r.name,
        r.checksum,
      ]),
    );
    for (const [name, checksum] of applied) {
      const file = files.find((f) => f.name === name);
      if (file && file.checksum !== checksum) {
        throw new DomainError(
          'MIGRATION_CHECKSUM_MISMATCH',
          `Migration ${name} was changed after it was applied (recorded ${checksum.slice(0, 12)}, file ${file.checksum.slice(0, 12)}). Released migrations are never edited: restore the file and add a new migration instead.`,
          { name },
        );
      }
    }
    const pending = files.filter((f) => !applied.has(f.name));
    for (const file of pending) {
      // One transaction for the whole batch: a failing file leaves the schema as it was.
      await sql.raw(file.sql).execute(trx);
      await trx
        .insertInto('schema_migrations')
        .values({ name: file.name, checksum: file.checksum })
        .execute();
    }
    return pending.map((f) => f.name);
  });
}
