/**
 * A signed-in user replaces their password. The current one is asked for so that a session
 * left open on a shared computer cannot lock its owner out. Every other session of the user
 * is ended (whoever else had the old password is signed out); the calling session stays, and
 * API tokens, which are separate credentials, are left alone.
 */
import { DomainError, validationError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { MIN_PASSWORD_LENGTH } from '../../../platform/passwords.ts';
import { deleteUserSessions } from '../../auth/auth.repository.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { updateUserRow } from '../users.repository.ts';
import { lockUser } from './update-user.ts';

export async function changeOwnPassword(
  deps: Pick<Deps, 'clock' | 'passwords'>,
  trx: Kysely<DB>,
  actor: Actor & { userId: string },
  input: { currentPassword: string; newPassword: string; currentSessionId: string | null },
): Promise<void> {
  const ws = actor.workspaceId;
  const user = await lockUser(trx, ws, actor.userId);
  if (user.deactivated_at) throw new DomainError('AUTH_FORBIDDEN', 'This account is deactivated.');
  const matches =
    user.password_hash !== null && (await deps.passwords.verify(user.password_hash, input.currentPassword));
  if (!matches) {
    throw validationError([{ pointer: '/currentPassword', message: 'does not match your password' }]);
  }
  if (input.newPassword.length < MIN_PASSWORD_LENGTH) {
    throw validationError([
      { pointer: '/newPassword', message: `at least ${MIN_PASSWORD_LENGTH} characters` },
    ]);
  }
  const now = deps.clock.now();
  const passwordHash = await deps.passwords.hash(input.newPassword);
  await updateUserRow(trx, ws, user.id, { password_hash: passwordHash, updated_at: now });
  await deleteUserSessions(trx, ws, user.id, input.currentSessionId ?? undefined);
  await appendEvents(trx, actor, now, [
    { subjectType: 'user', subjectId: user.id, type: 'user.password_changed', data: {} },
  ]);
}
