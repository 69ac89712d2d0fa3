/**
 * Listing and searching contacts: SQL only. Pages are ordered by (lower(name), id) with
 * keyset pagination, so contacts added or renamed while an agent pages never make a row
 * appear twice or vanish from pages already read.
 */
import type { ListContactsQuery } from '@switchboard/core';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { decodeCursor, encodeCursor } from '../tickets/tickets.repository.ts';
import { type ContactRow, type IdentityKind, normalizeIdentity } from './contacts.repository.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A (lower(name), id) cursor as sent back by the client; null when it is not one of ours. */
export function decodeNameCursor(cursor: string): [string, string] | null {
  const values = decodeCursor(cursor, 2);
  const [name, id] = values ?? [];
  if (typeof name !== 'string' || typeof id !== 'string' || !UUID.test(id)) return null;
  return [name, id];
}

/** `sortKey` is lower(name) as the database computed it: JavaScript lower-casing can differ. */
export function encodeNameCursor(row: { sortKey: string; id: string }): string {
  return encodeCursor([row.sortKey, row.id]);
}

/**
 * The page after the cursor, of rows sorted by lower(name) then id. Lower-casing and
 * comparison both happen in the database, so the two sides agree on the order.
 */
export function nameKeyset(cursor: [string, string]): Expression<SqlBool> {
  return sql<SqlBool>`(lower(name), id) > (${cursor[0]}, ${cursor[1]}::uuid)`;
}

function identityMatch(kind: IdentityKind, value: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from contact_identities i
    where i.workspace_id = contacts.workspace_id and i.contact_id = contacts.id
      and i.kind = ${kind} and i.value = ${normalizeIdentity(kind, value)})`;
}

/** Returns null when the cursor does not belong to this list. */
export async function listContacts(
  db: Kysely<DB>,
  workspaceId: string,
  query: Omit<ListContactsQuery, 'limit'> & { limit: number },
): Promise<{ rows: ContactRow[]; nextCursor: string | null } | null> {
  let q = db
    .selectFrom('contacts')
    .selectAll()
    .select(sql<string>`lower(name)`.as('sort_key'))
    .where('workspace_id', '=', workspaceId);
  if (query.q) {
    const text = query.q;
    const digits = normalizeIdentity('phone', text);
    q = q.where((eb) =>
      eb.or([
        sql<SqlBool>`strpos(lower(name), lower(${text})) > 0`,
        identityMatch('email', text),
        identityMatch('external', text),
        ...(/\d{3}/.test(digits) ? [identityMatch('phone', text)] : []),
      ]),
    );
  }
  if (query.email) q = q.where(identityMatch('email', query.email));
  if (query.phone) q = q.where(identityMatch('phone', query.phone));
  if (query.externalId) q = q.where(identityMatch('external', query.externalId));
  if (query.organizationId) q = q.where('organization_id', '=', query.organizationId);
  if (query.isVip !== undefined) q = q.where('is_vip', '=', query.isVip);
  if (query.cursor) {
    const cursor = decodeNameCursor(query.cursor);
    if (!cursor) return null;
    q = q.where(nameKeyset(cursor));
  }
  const rows = await q
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .limit(query.limit + 1)
    .execute();
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return {
    rows: page.map(({ sort_key: _, ...row }) => row),
    nextCursor: hasMore && last ? encodeNameCursor({ sortKey: last.sort_key, id: last.id }) : null,
  };
}
