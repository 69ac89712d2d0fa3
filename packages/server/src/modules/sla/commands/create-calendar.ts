/** Adds a business-hours calendar; the calendar rules (zone, windows, overlaps) are checked first. */
import {
  type BusinessCalendarDto,
  businessCalendarErrors,
  type CreateBusinessCalendarInput,
  validationError,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { insertCalendar, toCalendarDto } from '../calendars.repository.ts';

export async function createCalendar(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: CreateBusinessCalendarInput,
): Promise<BusinessCalendarDto> {
  const { name, ...calendar } = input;
  const errors = businessCalendarErrors(calendar);
  if (errors.length > 0) throw validationError(errors, 'The business calendar is invalid.');
  const now = deps.clock.now();
  const row = await insertCalendar(trx, {
    id: deps.ids.next(),
    workspace_id: actor.workspaceId,
    name,
    time_zone: calendar.timeZone,
    weekly: calendar.weekly,
    holidays: calendar.holidays,
    at: now,
  });
  await appendEvents(trx, actor, now, [
    { subjectType: 'calendar', subjectId: row.id, type: 'calendar.created', data: { name } },
  ]);
  return toCalendarDto(row);
}
