/**
 * Changes a business calendar; the merged calendar is validated as a whole. When its hours
 * change, unsolved tickets under policies counting on it are marked for the sweep, which
 * recomputes their due times exactly on the new hours.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  type BusinessCalendarDto,
  businessCalendarErrors,
  DomainError,
  type UpdateBusinessCalendarInput,
  validationError,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import {
  type CalendarRow,
  calendarUsers,
  findCalendar,
  toCalendarDto,
  updateCalendarRow,
} from '../calendars.repository.ts';
import { markTicketSlasStale } from '../ticket-slas.repository.ts';

export async function lockCalendar(
  trx: Kysely<DB>,
  workspaceId: string,
  id: string,
  lock: 'update' | 'no_key_update',
): Promise<CalendarRow> {
  const calendar = await findCalendar(trx, workspaceId, id, { lock });
  if (!calendar) throw new DomainError('CALENDAR_NOT_FOUND', `Business calendar ${id} does not exist.`);
  return calendar;
}

export async function updateCalendar(
  deps: Pick<Deps, 'clock'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { calendarId: string; changes: UpdateBusinessCalendarInput },
): Promise<BusinessCalendarDto> {
  const ws = actor.workspaceId;
  // No key update: a policy being saved with this calendar holds a key-share lock on it.
  const row = await lockCalendar(trx, ws, input.calendarId, 'no_key_update');
  const current = toCalendarDto(row);
  const c = input.changes;
  const next = {
    name: c.name ?? current.name,
    timeZone: c.timeZone ?? current.timeZone,
    weekly: c.weekly ?? current.weekly,
    holidays: c.holidays ?? current.holidays,
  };
  const { name, ...calendar } = next;
  const errors = businessCalendarErrors(calendar);
  if (errors.length > 0) throw validationError(errors, 'The business calendar is invalid.');
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of ['name', 'timeZone', 'weekly', 'holidays'] as const) {
    if (!isDeepStrictEqual(current[field], next[field]))
      changes[field] = { from: current[field], to: next[field] };
  }
  if (Object.keys(changes).length === 0) return current;
  const now = deps.clock.now();
  const updated = await updateCalendarRow(trx, ws, row.id, {
    name,
    time_zone: calendar.timeZone,
    weekly: calendar.weekly,
    holidays: calendar.holidays,
    updated_at: now,
  });
  if (Object.keys(changes).some((field) => field !== 'name')) {
    const { policyIds } = await calendarUsers(trx, ws, row.id);
    await markTicketSlasStale(trx, ws, policyIds, now);
  }
  await appendEvents(trx, actor, now, [
    { subjectType: 'calendar', subjectId: row.id, type: 'calendar.updated', data: { changes } },
  ]);
  return toCalendarDto(updated);
}
