/**
 * An admin edits a user: profile, skills, capacity, teams, email and role. Only owners touch
 * the owner and admin roles (user-permissions.ts), and the last active owner keeps the role,
 * so a workspace is never left without someone who can administer it.
 */
import {
  DomainError,
  type FieldError,
  type UpdateUserInput,
  type UserDto,
  validationError,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../../db/errors.ts';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents, type NewEvent } from '../../events/events.repository.ts';
import { findExistingTeamIds } from '../../teams/teams.repository.ts';
import { assertMayChangeRole, assertMayManageAccount } from '../user-permissions.ts';
import {
  findUserForUpdate,
  listTeamIdsOfUsers,
  lockActiveOwnerIds,
  replaceTeamsOfUser,
  toUserDto,
  type UserRow,
  updateUserRow,
} from '../users.repository.ts';

type Changes = Record<string, { from: unknown; to: unknown }>;

export async function updateUser(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { userId: string; changes: UpdateUserInput },
): Promise<UserDto> {
  const ws = actor.workspaceId;
  const now = deps.clock.now();
  const c = input.changes;
  const ownerIds = c.role !== undefined ? await lockActiveOwnerIds(trx, ws) : [];
  const user = await lockUser(trx, ws, input.userId);
  const changes: Changes = {};
  const patch: Partial<Pick<UserRow, 'email' | 'name' | 'role' | 'capacity' | 'languages' | 'topics'>> = {};
  const set = <K extends keyof typeof patch>(column: K, to: UserRow[K] | undefined) => {
    if (to === undefined || JSON.stringify(user[column]) === JSON.stringify(to)) return;
    patch[column] = to;
    changes[column] = { from: user[column], to };
  };
  set('name', c.name);
  set('email', c.email?.trim().toLowerCase());
  set('role', c.role);
  set('capacity', c.capacity);
  set('languages', c.languages);
  set('topics', c.topics);
  if (patch.email !== undefined) assertMayManageAccount(actor, user, 'change the email of');
  if (patch.role !== undefined) {
    assertMayChangeRole(actor, user.role, patch.role);
    if (user.role === 'owner') assertNotLastOwner(ownerIds, user);
  }

  const teamIds = (await listTeamIdsOfUsers(trx, ws, [user.id])).get(user.id) ?? [];
  let nextTeamIds = teamIds;
  if (c.teamIds !== undefined) {
    const wanted = [...new Set(c.teamIds)].sort();
    const existing = await findExistingTeamIds(trx, ws, wanted);
    const errors: FieldError[] = c.teamIds.flatMap((id, i) =>
      existing.has(id) ? [] : [{ pointer: `/teamIds/${i}`, message: 'no such team' }],
    );
    if (errors.length > 0) throw validationError(errors);
    if (JSON.stringify(wanted) !== JSON.stringify(teamIds)) {
      nextTeamIds = wanted;
      changes.teamIds = { from: teamIds, to: wanted };
    }
  }
  if (Object.keys(changes).length === 0) return toUserDto(user, teamIds);

  const updated = await writeUser(trx, ws, user, { ...patch, updated_at: now });
  const membership = changes.teamIds
    ? await replaceTeamsOfUser(trx, ws, user.id, nextTeamIds)
    : { added: [], removed: [] };
  await appendEvents(trx, actor, now, [
    { subjectType: 'user', subjectId: user.id, type: 'user.updated', data: { changes } },
    ...membershipEvents(user.id, membership),
  ]);
  return toUserDto(updated, nextTeamIds);
}

export async function lockUser(trx: Kysely<DB>, workspaceId: string, userId: string): Promise<UserRow> {
  const user = await findUserForUpdate(trx, workspaceId, userId);
  if (!user) throw new DomainError('USER_NOT_FOUND', `User ${userId} does not exist.`);
  return user;
}

/**
 * Refuses to take the owner role or access away from the only active owner. `activeOwnerIds`
 * comes from lockActiveOwnerIds, called before the target's row is locked: every command
 * takes the owner locks first and in id order, so two owners demoting each other queue up
 * (the second then sees one owner left) instead of deadlocking.
 */
export function assertNotLastOwner(activeOwnerIds: readonly string[], user: UserRow): void {
  if (activeOwnerIds.length === 1 && activeOwnerIds[0] === user.id) {
    throw new DomainError(
      'USER_LAST_OWNER',
      `${user.email} is the workspace's only active owner; make someone else owner first.`,
    );
  }
}

async function writeUser(
  trx: Kysely<DB>,
  workspaceId: string,
  user: UserRow,
  patch: Parameters<typeof updateUserRow>[3],
): Promise<UserRow> {
  try {
    return await updateUserRow(trx, workspaceId, user.id, patch);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new DomainError(
      'USER_EMAIL_TAKEN',
      `${String(patch.email)} already belongs to a user of this workspace.`,
      { errors: [{ pointer: '/email', message: 'already in use' }] },
      { cause: error },
    );
  }
}

/** Each team's own history shows who joined and left, whichever endpoint made the change. */
function membershipEvents(userId: string, m: { added: string[]; removed: string[] }): NewEvent[] {
  return [
    ...m.added.map((teamId) => ({ teamId, added: [userId], removed: [] as string[] })),
    ...m.removed.map((teamId) => ({ teamId, added: [] as string[], removed: [userId] })),
  ].map(({ teamId, added, removed }) => ({
    subjectType: 'team' as const,
    subjectId: teamId,
    type: 'team.members_changed',
    data: { added, removed },
  }));
}
