/**
 * Checks user ids proposed as team members: each must be a user of the workspace. A
 * deactivated user may stay in a team they already belong to (deactivation keeps
 * memberships) but cannot be added to a new one.
 */
import type { FieldError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findUserStates } from '../users/users.repository.ts';

export async function checkMembers(
  db: Kysely<DB>,
  workspaceId: string,
  input: { userIds: readonly string[]; currentMemberIds: readonly string[]; pointer: string },
): Promise<FieldError[]> {
  const users = await findUserStates(db, workspaceId, [...new Set(input.userIds)]);
  const current = new Set(input.currentMemberIds);
  return input.userIds.flatMap((id, i) => {
    const user = users.get(id);
    if (!user) return [{ pointer: `${input.pointer}/${i}`, message: 'no such user' }];
    if (user.deactivated && !current.has(id)) {
      return [{ pointer: `${input.pointer}/${i}`, message: 'this user is deactivated' }];
    }
    return [];
  });
}
