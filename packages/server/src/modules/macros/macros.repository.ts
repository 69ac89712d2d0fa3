/** The only code of the macros module that speaks SQL. */
import type { MacroDto, RuleAction } from '@switchboard/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, MacrosTable } from '../../db/schema.ts';
import { likePattern, visibilityOf } from './library-access.ts';

export type MacroRow = Selectable<MacrosTable>;

export function toMacroDto(row: MacroRow): MacroDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    visibility: visibilityOf(row.owner_id),
    ownerId: row.owner_id,
    actions: row.actions as MacroDto['actions'],
    usageCount: Number(row.usage_count),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Macros `userId` may see and apply: shared ones and their own. */
function visibleTo(db: Kysely<DB>, workspaceId: string, userId: string | null) {
  return db
    .selectFrom('macros')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      userId ? eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', userId)]) : eb('owner_id', 'is', null),
    );
}

export async function listVisibleMacros(
  db: Kysely<DB>,
  workspaceId: string,
  userId: string | null,
  q: string | undefined,
): Promise<MacroRow[]> {
  let query = visibleTo(db, workspaceId, userId);
  if (q) query = query.where(sql<string>`lower(name)`, 'like', likePattern(q));
  return query.orderBy(sql`lower(name)`).orderBy('id').limit(500).execute();
}

export async function findVisibleMacro(
  db: Kysely<DB>,
  workspaceId: string,
  userId: string | null,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<MacroRow | undefined> {
  const query = visibleTo(db, workspaceId, userId).where('id', '=', id);
  return options.forUpdate ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export type MacroValues = {
  name: string;
  description: string | null;
  owner_id: string | null;
  actions: readonly RuleAction[];
};

export async function insertMacro(
  db: Kysely<DB>,
  row: MacroValues & { id: string; workspace_id: string; at: Date },
): Promise<MacroRow> {
  const { at, actions, ...rest } = row;
  return db
    .insertInto('macros')
    .values({ ...rest, actions: JSON.stringify(actions), created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateMacroRow(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  values: MacroValues & { at: Date },
): Promise<MacroRow> {
  const { at, actions, ...rest } = values;
  return db
    .updateTable('macros')
    .set({ ...rest, actions: JSON.stringify(actions), updated_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteMacroRow(db: Kysely<DB>, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('macros').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function countMacroUse(db: Kysely<DB>, workspaceId: string, id: string): Promise<void> {
  await db
    .updateTable('macros')
    .set({ usage_count: sql`usage_count + 1` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Agents a macro may assign to: active, and not light agents (they cannot hold tickets). */
export async function listAssignableUserIds(db: Kysely<DB>, workspaceId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('deactivated_at', 'is', null)
    .where('role', '!=', 'light_agent')
    .execute();
  return new Set(rows.map((row) => row.id));
}

export async function listTeamIds(db: Kysely<DB>, workspaceId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId).execute();
  return new Set(rows.map((row) => row.id));
}
