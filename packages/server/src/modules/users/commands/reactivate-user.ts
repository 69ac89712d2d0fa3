/** Lets a deactivated user sign in again, with the role, teams and password they had. */
import type { UserDto } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { assertMayManageAccount } from '../user-permissions.ts';
import { loadUserDto, updateUserRow } from '../users.repository.ts';
import { lockUser } from './update-user.ts';

export async function reactivateUser(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { userId: string },
): Promise<UserDto> {
  const ws = actor.workspaceId;
  const user = await lockUser(trx, ws, input.userId);
  assertMayManageAccount(actor, user, 'reactivate');
  if (!user.deactivated_at) return loadUserDto(trx, user);
  const now = deps.clock.now();
  const updated = await updateUserRow(trx, ws, user.id, { deactivated_at: null, updated_at: now });
  await appendEvents(trx, actor, now, [
    { subjectType: 'user', subjectId: user.id, type: 'user.reactivated', data: { email: user.email } },
  ]);
  return loadUserDto(trx, updated);
}
