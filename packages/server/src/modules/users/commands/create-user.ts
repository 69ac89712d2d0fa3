/**
 * Adds an agent or admin to a workspace. The password, when given, is hashed with argon2id
 * before it reaches the database; without one the user cannot sign in until it is set.
 * Only owners (and the system, which acts as owner) create owners and admins.
 */
import { DomainError, validationError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../../db/errors.ts';
import type { DB } from '../../../db/schema.ts';
import type { Actor, Role } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { MIN_PASSWORD_LENGTH } from '../../../platform/passwords.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { assertMayGrantRole } from '../user-permissions.ts';
import type { UserRow } from '../users.repository.ts';

export type NewUser = {
  email: string;
  name: string;
  role: Role;
  password?: string | undefined;
  status?: 'online' | 'away' | 'offline' | undefined;
  capacity?: number | undefined;
  languages?: string[] | undefined;
  topics?: string[] | undefined;
  locale?: string | undefined;
  timeZone?: string | undefined;
  teamIds?: string[] | undefined;
};

export async function createUser(
  deps: Pick<Deps, 'clock' | 'ids' | 'passwords'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: NewUser,
  options: { passwordHash?: string } = {},
): Promise<UserRow> {
  assertMayGrantRole(actor, input.role);
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
    throw validationError([{ pointer: '/password', message: `at least ${MIN_PASSWORD_LENGTH} characters` }]);
  }
  const now = deps.clock.now();
  const passwordHash =
    options.passwordHash ?? (input.password !== undefined ? await deps.passwords.hash(input.password) : null);
  let user: UserRow;
  try {
    user = await trx
      .insertInto('users')
      .values({
        id: deps.ids.next(),
        workspace_id: actor.workspaceId,
        email: input.email.trim().toLowerCase(),
        name: input.name,
        password_hash: passwordHash,
        role: input.role,
        status: input.status ?? 'offline',
        capacity: input.capacity ?? 20,
        languages: input.languages ?? [],
        topics: input.topics ?? [],
        locale: input.locale ?? 'en',
        time_zone: input.timeZone ?? 'UTC',
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError(
        'USER_EMAIL_TAKEN',
        `${input.email} already belongs to a user of this workspace.`,
        {
          errors: [{ pointer: '/email', message: 'already in use' }],
        },
      );
    }
    throw error;
  }
  const teamIds = [...new Set(input.teamIds ?? [])];
  if (teamIds.length > 0) {
    const found = await trx
      .selectFrom('teams')
      .select('id')
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', 'in', teamIds)
      .execute();
    if (found.length !== teamIds.length)
      throw validationError([{ pointer: '/teamIds', message: 'unknown team' }]);
    await trx
      .insertInto('team_members')
      .values(teamIds.map((team_id) => ({ workspace_id: actor.workspaceId, team_id, user_id: user.id })))
      .execute();
  }
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'user',
      subjectId: user.id,
      type: 'user.created',
      data: { email: user.email, role: user.role, teamIds },
    },
  ]);
  return user;
}
