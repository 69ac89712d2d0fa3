/** The only code of the canned-responses module that speaks SQL. */
import type { CannedResponseDto, LocalizedText } from '@switchboard/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { CannedResponsesTable, DB } from '../../db/schema.ts';
import { likePattern, visibilityOf } from '../macros/library-access.ts';

export type CannedResponseRow = Selectable<CannedResponsesTable>;

export function toCannedResponseDto(row: CannedResponseRow): CannedResponseDto {
  return {
    id: row.id,
    name: row.name,
    shortcut: row.shortcut,
    bodies: row.bodies as LocalizedText,
    visibility: visibilityOf(row.owner_id),
    ownerId: row.owner_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Rows `userId` may see: shared ones and their own. */
function visibleTo(db: Kysely<DB>, workspaceId: string, userId: string | null) {
  return db
    .selectFrom('canned_responses')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      userId ? eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', userId)]) : eb('owner_id', 'is', null),
    );
}

export async function listVisibleCannedResponses(
  db: Kysely<DB>,
  workspaceId: string,
  userId: string | null,
  q: string | undefined,
): Promise<CannedResponseRow[]> {
  let query = visibleTo(db, workspaceId, userId);
  if (q) {
    const pattern = likePattern(q);
    query = query.where((eb) =>
      eb.or([
        eb(sql<string>`lower(name)`, 'like', pattern),
        eb(sql<string>`lower(coalesce(shortcut, ''))`, 'like', pattern),
      ]),
    );
  }
  return query.orderBy(sql`lower(name)`).orderBy('id').limit(500).execute();
}

export async function findVisibleCannedResponse(
  db: Kysely<DB>,
  workspaceId: string,
  userId: string | null,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<CannedResponseRow | undefined> {
  const query = visibleTo(db, workspaceId, userId).where('id', '=', id);
  return options.forUpdate ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

/** Ids a macro owned by `ownerId` (null: shared) may reply with. */
export async function listUsableCannedResponseIds(
  db: Kysely<DB>,
  workspaceId: string,
  ownerId: string | null,
): Promise<Set<string>> {
  const rows = await visibleTo(db, workspaceId, ownerId).execute();
  return new Set(rows.map((row) => row.id));
}

/**
 * Serialises shortcut checks per workspace: there is no unique index (uniqueness depends on
 * who sees what), so two concurrent saves must not both pass the check.
 */
export async function lockShortcuts(db: Kysely<DB>, workspaceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`canned-shortcuts:${workspaceId}`}, 0))`.execute(
    db,
  );
}

/**
 * Another response with this shortcut (ignoring case) that the audience of an item owned by
 * `ownerId` would see: shared ones, and for a personal item the owner's own.
 */
export async function findShortcutClash(
  db: Kysely<DB>,
  workspaceId: string,
  input: { shortcut: string; ownerId: string | null; excludeId: string | null },
): Promise<CannedResponseRow | undefined> {
  let query = visibleTo(db, workspaceId, input.ownerId).where(
    sql<string>`lower(shortcut)`,
    '=',
    input.shortcut.toLowerCase(),
  );
  if (input.excludeId) query = query.where('id', '!=', input.excludeId);
  return query.executeTakeFirst();
}

export type CannedResponseValues = {
  name: string;
  shortcut: string | null;
  owner_id: string | null;
  bodies: LocalizedText;
};

export async function insertCannedResponse(
  db: Kysely<DB>,
  row: CannedResponseValues & { id: string; workspace_id: string; at: Date },
): Promise<CannedResponseRow> {
  const { at, bodies, ...rest } = row;
  return db
    .insertInto('canned_responses')
    .values({ ...rest, bodies: JSON.stringify(bodies), created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateCannedResponseRow(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  values: CannedResponseValues & { at: Date },
): Promise<CannedResponseRow> {
  const { at, bodies, ...rest } = values;
  return db
    .updateTable('canned_responses')
    .set({ ...rest, bodies: JSON.stringify(bodies), updated_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteCannedResponseRow(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
): Promise<void> {
  await db
    .deleteFrom('canned_responses')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}
