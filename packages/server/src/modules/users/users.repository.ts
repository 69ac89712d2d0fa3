/** SQL for users (agents and admins) and their team memberships. */
import type { Kysely, Selectable } from 'kysely';
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
