/** Deletes a business calendar nobody counts on: refused while a policy or the workspace settings use it. */
import { DomainError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { calendarUsers, deleteCalendarRow } from '../calendars.repository.ts';
import { lockCalendar } from './update-calendar.ts';

export async function deleteCalendar(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { calendarId: string },
): Promise<void> {
  const ws = actor.workspaceId;
  const calendar = await lockCalendar(trx, ws, input.calendarId, 'update');
  const users = await calendarUsers(trx, ws, calendar.id);
  if (users.policyIds.length > 0 || users.isWorkspaceDefault) {
    const who = [
      ...(users.policyIds.length > 0 ? [`${users.policyIds.length} SLA policy(ies)`] : []),
      ...(users.isWorkspaceDefault ? ['the workspace automation settings'] : []),
    ];
    throw new DomainError(
      'CALENDAR_IN_USE',
      `Business calendar '${calendar.name}' is used by ${who.join(' and ')}; point them at another calendar first.`,
      users,
    );
  }
  await deleteCalendarRow(trx, ws, calendar.id);
  await appendEvents(trx, actor, deps.clock.now(), [
    {
      subjectType: 'calendar',
      subjectId: calendar.id,
      type: 'calendar.deleted',
      data: { name: calendar.name },
    },
  ]);
}
