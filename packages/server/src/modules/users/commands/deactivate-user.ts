/**
 * Switches a user off. Their tickets, teams and history stay as they are (reassigning is a
 * separate decision); what stops is access: every session is deleted here, and sign-in and
 * API tokens check deactivated_at on each request.
 */
import type { UserDto } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { deleteUserSessions } from '../../auth/auth.repository.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { assertMayManageAccount } from '../user-permissions.ts';
import { loadUserDto, lockActiveOwnerIds, updateUserRow } from '../users.repository.ts';
import { assertNotLastOwner, lockUser } from './update-user.ts';

export async function deactivateUser(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { userId: string },
): Promise<UserDto> {
  const ws = actor.workspaceId;
  const ownerIds = await lockActiveOwnerIds(trx, ws);
  const user = await lockUser(trx, ws, input.userId);
  assertMayManageAccount(actor, user, 'deactivate');
  if (user.deactivated_at) return loadUserDto(trx, user);
  assertNotLastOwner(ownerIds, user);
  const now = deps.clock.now();
  const updated = await updateUserRow(trx, ws, user.id, {
    deactivated_at: now,
    status: 'offline',
    updated_at: now,
  });
  await deleteUserSessions(trx, ws, user.id);
  await appendEvents(trx, actor, now, [
    { subjectType: 'user', subjectId: user.id, type: 'user.deactivated', data: { email: user.email } },
  ]);
  return loadUserDto(trx, updated);
}
