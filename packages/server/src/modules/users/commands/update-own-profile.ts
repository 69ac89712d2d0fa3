/**
 * A user edits their own profile: name, presence status, interface language and time zone.
 * Presence is here rather than with the admin fields because agents flip it themselves
 * (online, away) many times a day, and assignment reads it.
 */
import type { UpdateMeInput, UserDto } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { loadUserDto, type UserRow, updateUserRow } from '../users.repository.ts';
import { lockUser } from './update-user.ts';

type OwnFields = Pick<UserRow, 'name' | 'status' | 'locale' | 'time_zone'>;

export async function updateOwnProfile(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor & { userId: string },
  changes: UpdateMeInput,
): Promise<UserDto> {
  const ws = actor.workspaceId;
  const user = await lockUser(trx, ws, actor.userId);
  const patch: Partial<OwnFields> = {};
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  const set = <K extends keyof OwnFields>(field: string, column: K, to: OwnFields[K] | undefined) => {
    if (to === undefined || user[column] === to) return;
    patch[column] = to;
    diff[field] = { from: user[column], to };
  };
  set('name', 'name', changes.name);
  set('status', 'status', changes.status);
  set('locale', 'locale', changes.locale);
  set('timeZone', 'time_zone', changes.timeZone);
  if (Object.keys(diff).length === 0) return loadUserDto(trx, user);
  const now = deps.clock.now();
  const updated = await updateUserRow(trx, ws, user.id, { ...patch, updated_at: now });
  await appendEvents(trx, actor, now, [
    { subjectType: 'user', subjectId: user.id, type: 'user.updated', data: { changes: diff } },
  ]);
  return loadUserDto(trx, updated);
}
