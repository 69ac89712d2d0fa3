/**
 * Refuse to run on a database that would break Korean text. A server database created with
 * LC_CTYPE=C (or a non-UTF-8 encoding) stores Hangul but cannot classify or case-fold it:
 * pg_trgm extracts no trigrams from Hangul there and lower()/ILIKE ignore non-ASCII letters,
 * so search quietly returns nothing. Better to stop at start with the fix spelled out.
 */
import { DomainError } from '@switchboard/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.ts';

export type DatabaseFacts = {
  serverVersionNum: number;
  encoding: string;
  ctype: string;
  ctypeFoldsNonAscii: boolean;
};

export async function readDatabaseFacts(db: Kysely<DB>): Promise<DatabaseFacts> {
  const { rows } = await sql<{ version: string; encoding: string; ctype: string; folds: boolean }>`
    select current_setting('server_version_num') as version,
           pg_encoding_to_char(d.encoding) as encoding,
           d.datctype as ctype,
           upper('é한') = 'É한' as folds
      from pg_database d where d.datname = current_database()`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('current database not found in pg_database');
  return {
    serverVersionNum: Number(row.version),
    encoding: row.encoding,
    ctype: row.ctype,
    ctypeFoldsNonAscii: row.folds,
  };
}

/** Pure verdict on the facts; throws DATABASE_LOCALE_UNSUPPORTED with how to fix it. */
export function assertDatabaseSupported(facts: DatabaseFacts, databaseName = 'switchboard'): void {
  const problems: string[] = [];
  if (facts.serverVersionNum < 150000) {
    problems.push(
      `PostgreSQL ${Math.floor(facts.serverVersionNum / 10000)} is too old; version 15 or later is required.`,
    );
  }
  if (facts.encoding !== 'UTF8') problems.push(`the database encoding is ${facts.encoding}, not UTF8.`);
  if (!facts.ctypeFoldsNonAscii) {
    problems.push(
      `the database LC_CTYPE is '${facts.ctype}', which cannot classify non-ASCII letters (Hangul search would silently find nothing).`,
    );
  }
  if (problems.length === 0) return;
  throw new DomainError(
    'DATABASE_LOCALE_UNSUPPORTED',
    `This database cannot hold Switchboard's Korean search: ${problems.join(' ')}\n` +
      'Create the database with a UTF-8 locale, for example:\n' +
      `  createdb --encoding=UTF8 --locale=C.UTF-8 --template=template0 ${databaseName}\n` +
      `  (or in SQL: CREATE DATABASE ${databaseName} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0;)\n` +
      'then point DATABASE_URL at it.',
    { ...facts },
  );
}
