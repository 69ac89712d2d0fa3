/** SQL for users (agents and admins) and their team memberships. */
import type { UserDto } from '@switchboard/core';
import { type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { DB, UsersTable } from '../../db/schema.ts';

export type UserRow = Selectable<UsersTable>;

export async function findUser(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findUserByEmail(db: Kysely<DB>, workspaceId: string, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function listTeamIdsOfUsers(db: Kysely<DB>, workspaceId: string, userIds: readonly string[]) {
  const result = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom('team_members')
    .select(['user_id', 'team_id'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .orderBy('team_id')
    .execute();
  for (const r of rows) result.get(r.user_id)?.push(r.team_id);
  return result;
}

/** The wire shape; the password hash never leaves this function. */
export function toUserDto(row: UserRow, teamIds: readonly string[]): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    capacity: row.capacity,
    languages: row.languages,
    topics: row.topics,
    locale: row.locale,
    timeZone: row.time_zone,
    teamIds: [...teamIds],
    deactivatedAt: row.deactivated_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** One user with their teams, as the API shows them. */
export async function loadUserDto(db: Kysely<DB>, row: UserRow): Promise<UserDto> {
  const teams = await listTeamIdsOfUsers(db, row.workspace_id, [row.id]);
  return toUserDto(row, teams.get(row.id) ?? []);
}

export async function findUserForUpdate(db: Kysely<DB>, workspaceId: string, id: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export type UserFilter = {
  role?: UserRow['role'] | undefined;
  status?: UserRow['status'] | undefined;
  teamId?: string | undefined;
  includeDeactivated: boolean;
};

/** Every matching user by name; a workspace has hundreds of agents at most, so no paging. */
export async function listUsers(db: Kysely<DB>, workspaceId: string, f: UserFilter): Promise<UserRow[]> {
  let q = db.selectFrom('users').selectAll().where('workspace_id', '=', workspaceId);
  if (f.role) q = q.where('role', '=', f.role);
  if (f.status) q = q.where('status', '=', f.status);
  if (!f.includeDeactivated) q = q.where('deactivated_at', 'is', null);
  if (f.teamId) {
    const teamId = f.teamId;
    q = q.where('id', 'in', (s) =>
      s
        .selectFrom('team_members')
        .select('user_id')
        .where('workspace_id', '=', workspaceId)
        .where('team_id', '=', teamId),
    );
  }
  return q.orderBy(sql`lower(name)`).orderBy('id').execute();
}

/**
 * Ids of the workspace's active owners, their rows locked. Two owners demoting each other at
 * once both wait on these locks, so the second sees the first's change and is refused.
 */
export async function lockActiveOwnerIds(db: Kysely<DB>, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .where('deactivated_at', 'is', null)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

export async function updateUserRow(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  patch: Updateable<UsersTable>,
): Promise<UserRow> {
  return db
    .updateTable('users')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Sets the user's teams to exactly `teamIds`; returns the teams joined and left. */
export async function replaceTeamsOfUser(
  db: Kysely<DB>,
  workspaceId: string,
  userId: string,
  teamIds: readonly string[],
): Promise<{ added: string[]; removed: string[] }> {
  const current = (await listTeamIdsOfUsers(db, workspaceId, [userId])).get(userId) ?? [];
  const next = new Set(teamIds);
  const added = [...next].filter((id) => !current.includes(id)).sort();
  const removed = current.filter((id) => !next.has(id));
  if (removed.length > 0) {
    await db
      .deleteFrom('team_members')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .where('team_id', 'in', removed)
      .execute();
  }
  if (added.length > 0) {
    await db
      .insertInto('team_members')
      .values(added.map((team_id) => ({ workspace_id: workspaceId, team_id, user_id: userId })))
      .execute();
  }
  return { added, removed };
}

/** Of `ids`, the users of the workspace with whether each is deactivated. */
export async function findUserStates(
  db: Kysely<DB>,
  workspaceId: string,
  ids: readonly string[],
): Promise<Map<string, { deactivated: boolean }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'deactivated_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { deactivated: r.deactivated_at !== null }]));
}
