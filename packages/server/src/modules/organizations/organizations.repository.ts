/** SQL for organisations. */
import type { ListOrganizationsQuery, OrganizationDto } from '@switchboard/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, OrganizationsTable } from '../../db/schema.ts';
import { decodeNameCursor, encodeNameCursor, nameKeyset } from '../contacts/contact-search.repository.ts';

export type OrganizationRow = Selectable<OrganizationsTable>;

export async function findOrganization(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
) {
  let q = db
    .selectFrom('organizations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** A new customer writing from `@acme.co.kr` joins the organisation that owns that domain. */
export async function findOrganizationIdByEmailDomain(
  db: Kysely<DB>,
  workspaceId: string,
  email: string,
): Promise<string | null> {
  const domain = email.split('@')[1]?.toLowerCase();
  if (!domain) return null;
  const row = await db
    .selectFrom('organizations')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`domains @> array[${domain}]::text[]`)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

export function toOrganizationDto(row: OrganizationRow): OrganizationDto {
  return {
    id: row.id,
    name: row.name,
    domains: row.domains,
    attributes: row.attributes as OrganizationDto['attributes'],
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Serialises domain writes of one workspace until the transaction ends. Domains live in an
 * array column, which no unique index can cover, so check-then-write needs this lock to stay
 * correct when two admins claim the same domain at once.
 */
export async function lockOrganizationDomains(db: Kysely<DB>, workspaceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`organization-domains:${workspaceId}`}, 0))`.execute(
    db,
  );
}

/** Organisations other than `exceptId` that own any of `domains`. */
export async function findDomainOwners(
  db: Kysely<DB>,
  input: { workspaceId: string; domains: readonly string[]; exceptId: string | null },
): Promise<{ id: string; domains: string[] }[]> {
  if (input.domains.length === 0) return [];
  let q = db
    .selectFrom('organizations')
    .select(['id', 'domains'])
    .where('workspace_id', '=', input.workspaceId)
    .where(sql<boolean>`domains && ${[...input.domains]}::text[]`);
  if (input.exceptId) q = q.where('id', '<>', input.exceptId);
  return q.execute();
}

export async function insertOrganization(
  db: Kysely<DB>,
  row: { id: string; workspaceId: string; name: string; domains: string[]; attributes: object; at: Date },
): Promise<OrganizationRow> {
  return db
    .insertInto('organizations')
    .values({
      id: row.id,
      workspace_id: row.workspaceId,
      name: row.name,
      domains: row.domains,
      attributes: JSON.stringify(row.attributes),
      created_at: row.at,
      updated_at: row.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type OrganizationPatch = { name?: string; domains?: string[]; attributes?: object; updated_at?: Date };

export async function updateOrganization(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  patch: OrganizationPatch,
): Promise<OrganizationRow> {
  const { attributes, ...columns } = patch;
  return db
    .updateTable('organizations')
    .set({ ...columns, ...(attributes ? { attributes: JSON.stringify(attributes) } : {}) })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Deletes the organisation after detaching its contacts and tickets (soft-deleted tickets
 * too: they still reference it). Ticket versions move on so stale ETags fail; `updated_at`
 * stays, or deleting one organisation would reshuffle every inbox sorted by activity.
 */
export async function deleteOrganization(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
): Promise<{ detachedContacts: number; detachedTickets: number }> {
  const contacts = await db
    .updateTable('contacts')
    .set({ organization_id: null })
    .where('workspace_id', '=', workspaceId)
    .where('organization_id', '=', id)
    .executeTakeFirst();
  const tickets = await db
    .updateTable('tickets')
    .set({ organization_id: null, version: sql<number>`version + 1` })
    .where('workspace_id', '=', workspaceId)
    .where('organization_id', '=', id)
    .executeTakeFirst();
  await db.deleteFrom('organizations').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  return {
    detachedContacts: Number(contacts.numUpdatedRows),
    detachedTickets: Number(tickets.numUpdatedRows),
  };
}

/** Returns null when the cursor does not belong to this list. */
export async function listOrganizations(
  db: Kysely<DB>,
  workspaceId: string,
  query: ListOrganizationsQuery,
): Promise<{ rows: OrganizationRow[]; nextCursor: string | null } | null> {
  let q = db
    .selectFrom('organizations')
    .selectAll()
    .select(sql<string>`lower(name)`.as('sort_key'))
    .where('workspace_id', '=', workspaceId);
  if (query.q) q = q.where(sql<boolean>`strpos(lower(name), lower(${query.q})) > 0`);
  if (query.domain) q = q.where(sql<boolean>`domains @> array[${query.domain}]::text[]`);
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
