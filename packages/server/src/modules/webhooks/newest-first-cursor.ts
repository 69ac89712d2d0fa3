/**
 * Keyset paging newest first on (created_at, id), for delivery and notification logs: rows
 * written while someone pages never shift the pages already read. A cursor is checked before
 * it reaches SQL, so a forged one is a 422 rather than a database error.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import { decodeCursor, encodeCursor } from '../tickets/tickets.repository.ts';

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The condition selecting rows after the cursor; null when the cursor is not one of ours. */
export function olderThanCursor(cursor: string): Expression<SqlBool> | null {
  const [at, id] = decodeCursor(cursor, 2) ?? [];
  if (typeof at !== 'string' || !isoInstant.test(at) || typeof id !== 'string' || !uuid.test(id)) return null;
  return sql<SqlBool>`(created_at, id) < (${at}::timestamptz, ${id}::uuid)`;
}

/** Given `limit + 1` rows, the page and the cursor of the next one. */
export function newestFirstPage<R extends { created_at: Date; id: string }>(
  rows: R[],
  limit: number,
): { rows: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
  };
}
