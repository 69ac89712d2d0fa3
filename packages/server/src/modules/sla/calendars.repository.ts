/** SQL for business-hours calendars. */
import type { BusinessCalendar, BusinessCalendarDto } from '@switchboard/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { BusinessCalendarsTable, DB } from '../../db/schema.ts';

export type CalendarRow = Selectable<BusinessCalendarsTable>;

export function toCalendarDto(row: CalendarRow): BusinessCalendarDto {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    weekly: row.weekly,
    holidays: row.holidays,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toBusinessCalendar(row: CalendarRow): BusinessCalendar {
  return { timeZone: row.time_zone, weekly: row.weekly, holidays: row.holidays };
}

export async function findCalendar(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  options: { lock?: 'update' | 'no_key_update' } = {},
): Promise<CalendarRow | undefined> {
  let q = db
    .selectFrom('business_calendars')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id);
  if (options.lock === 'update') q = q.forUpdate();
  if (options.lock === 'no_key_update') q = q.forNoKeyUpdate();
  return q.executeTakeFirst();
}

export async function listCalendars(db: Kysely<DB>, workspaceId: string): Promise<CalendarRow[]> {
  return db
    .selectFrom('business_calendars')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute();
}

export type CalendarValues = {
  name: string;
  time_zone: string;
  weekly: BusinessCalendar['weekly'];
  holidays: BusinessCalendar['holidays'];
};

export async function insertCalendar(
  db: Kysely<DB>,
  row: CalendarValues & { id: string; workspace_id: string; at: Date },
): Promise<CalendarRow> {
  const { at, weekly, holidays, ...rest } = row;
  return db
    .insertInto('business_calendars')
    .values({
      ...rest,
      weekly: JSON.stringify(weekly),
      holidays: JSON.stringify(holidays),
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateCalendarRow(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  values: CalendarValues & { updated_at: Date },
): Promise<CalendarRow> {
  return db
    .updateTable('business_calendars')
    .set({ ...values, weekly: JSON.stringify(values.weekly), holidays: JSON.stringify(values.holidays) })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteCalendarRow(db: Kysely<DB>, workspaceId: string, id: string): Promise<void> {
  await db
    .deleteFrom('business_calendars')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Who uses the calendar: SLA policies counting on it, and the workspace default for rules. */
export async function calendarUsers(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
): Promise<{ policyIds: string[]; isWorkspaceDefault: boolean }> {
  const policies = await db
    .selectFrom('sla_policies')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('calendar_id', '=', id)
    .orderBy('position')
    .execute();
  const workspace = await db
    .selectFrom('workspaces')
    .select(sql<string | null>`settings->>'businessCalendarId'`.as('calendar_id'))
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  return { policyIds: policies.map((p) => p.id), isWorkspaceDefault: workspace?.calendar_id === id };
}
