/**
 * A fresh, migrated database for each test file, on the engine the suite runs against:
 * - PGlite (default): a copy of a template data directory migrated once per run by
 *   scripts/test.ts, loaded in memory (initdb per file would cost ~3.5 s);
 * - PostgreSQL (SWITCHBOARD_TEST_ENGINE=postgres): a schema of its own in the database
 *   named by TEST_DATABASE_URL, migrated on creation and dropped at close.
 */

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';

export const testEngine = process.env.SWITCHBOARD_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('SWITCHBOARD_TEST_ENGINE=postgres needs TEST_DATABASE_URL');
  return url;
}

export type TestDatabase = Database & { schema: string | null };

export async function openTestDatabase(): Promise<TestDatabase> {
  if (testEngine === 'postgres') return openPostgresSchema();
  const templatePath = process.env.SWITCHBOARD_TEST_PGLITE_TEMPLATE;
  if (templatePath) {
    const pglite = await PGlite.create({ loadDataDir: new Blob([readFileSync(templatePath)]) });
    return { ...(await openDatabase({ kind: 'pglite-instance', pglite })), schema: null };
  }
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrate(database.db);
  return { ...database, schema: null };
}

async function openPostgresSchema(): Promise<TestDatabase> {
  const url = testDatabaseUrl();
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 8, searchPath: schema });
  await migrate(database.db);
  return {
    ...database,
    schema,
    close: async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(database.db).catch(() => {});
      await database.close();
    },
  };
}
