/** SQL for teams and their memberships. */
import { DomainError, type TeamDto } from '@switchboard/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import { isUniqueViolation } from '../../db/errors.ts';
import type { DB, TeamsTable } from '../../db/schema.ts';

export type TeamRow = Selectable<TeamsTable>;

export function toTeamDto(row: TeamRow, memberIds: readonly string[]): TeamDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    memberIds: [...memberIds],
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function findTeam(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<TeamRow | undefined> {
  let q = db.selectFrom('teams').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listTeams(db: Kysely<DB>, workspaceId: string): Promise<TeamRow[]> {
  return db
    .selectFrom('teams')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute();
}

/** Of `ids`, those naming a team of the workspace. */
export async function findExistingTeamIds(
  db: Kysely<DB>,
  workspaceId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('teams')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function listMemberIdsOfTeams(
  db: Kysely<DB>,
  workspaceId: string,
  teamIds: readonly string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(teamIds.map((id) => [id, []]));
  if (teamIds.length === 0) return result;
  const rows = await db
    .selectFrom('team_members')
    .select(['team_id', 'user_id'])
    .where('workspace_id', '=', workspaceId)
    .where('team_id', 'in', teamIds)
    .orderBy('user_id')
    .execute();
  for (const r of rows) result.get(r.team_id)?.push(r.user_id);
  return result;
}

/** The table's unique index ignores case; its violation becomes TEAM_NAME_TAKEN. */
async function translateNameConflict<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new DomainError(
      'TEAM_NAME_TAKEN',
      `A team named '${name}' already exists.`,
      { errors: [{ pointer: '/name', message: 'already in use' }] },
      { cause: error },
    );
  }
}

export async function insertTeam(
  db: Kysely<DB>,
  row: { id: string; workspaceId: string; name: string; description: string; at: Date },
): Promise<TeamRow> {
  return translateNameConflict(row.name, () =>
    db
      .insertInto('teams')
      .values({
        id: row.id,
        workspace_id: row.workspaceId,
        name: row.name,
        description: row.description,
        created_at: row.at,
        updated_at: row.at,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

export async function updateTeamRow(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  patch: { name?: string; description?: string; updated_at: Date },
): Promise<TeamRow> {
  return translateNameConflict(patch.name ?? '', () =>
    db
      .updateTable('teams')
      .set(patch)
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

/**
 * Sets a team's members to exactly `userIds`; returns who joined and who left. The caller
 * has checked that every id is a user of the workspace.
 */
export async function replaceTeamMembers(
  db: Kysely<DB>,
  workspaceId: string,
  teamId: string,
  userIds: readonly string[],
): Promise<{ added: string[]; removed: string[] }> {
  const current = (await listMemberIdsOfTeams(db, workspaceId, [teamId])).get(teamId) ?? [];
  const next = new Set(userIds);
  const added = [...next].filter((id) => !current.includes(id)).sort();
  const removed = current.filter((id) => !next.has(id));
  if (removed.length > 0) {
    await db
      .deleteFrom('team_members')
      .where('workspace_id', '=', workspaceId)
      .where('team_id', '=', teamId)
      .where('user_id', 'in', removed)
      .execute();
  }
  if (added.length > 0) {
    await db
      .insertInto('team_members')
      .values(added.map((user_id) => ({ workspace_id: workspaceId, team_id: teamId, user_id })))
      .execute();
  }
  return { added, removed };
}

/**
 * Deletes the team and, first, takes it off every ticket (deleted ones too: the foreign key
 * covers them). Tickets keep their updated_at, so inbox order does not jump, but their
 * version moves on because their representation changed. Memberships go by cascade.
 */
export async function deleteTeamRow(db: Kysely<DB>, workspaceId: string, id: string): Promise<number> {
  const cleared = await db
    .updateTable('tickets')
    .set((eb) => ({ team_id: null, version: eb('version', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', id)
    .executeTakeFirst();
  await db.deleteFrom('teams').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  return Number(cleared.numUpdatedRows);
}
