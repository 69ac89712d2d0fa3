/**
 * A business-hours calendar: an IANA time zone, weekly working windows in local wall-clock
 * time, and holidays that remove whole local dates. The schema is the only gate: every
 * business-time function re-validates its calendar through it (see compile-calendar.ts),
 * because a calendar without working hours would make "the next business minute" search
 * forever, and stored JSON can predate today's rules.
 */
import { z } from 'zod';
import { calendarProblems } from './calendar-problems.ts';

const clockTime = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const clockTimeOrMidnight = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

export const weeklyWindowSchema = z.strictObject({
  day: z.number().int().min(0).max(6).describe('0 = Sunday … 6 = Saturday.'),
  start: z.string().regex(clockTime, 'must be a local time HH:MM from 00:00 to 23:59'),
  end: z.string().regex(clockTimeOrMidnight, 'must be a local time HH:MM from 00:01 to 24:00'),
});
export type WeeklyWindow = z.infer<typeof weeklyWindowSchema>;

export const holidaySchema = z.strictObject({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .refine(isCalendarDate, 'is not a real calendar date'),
  name: z.string().trim().min(1).max(200),
});
export type Holiday = z.infer<typeof holidaySchema>;

export const businessCalendarSchema = z
  .strictObject({
    timeZone: z.string().min(1).max(100).describe('IANA time zone, such as Asia/Seoul.'),
    weekly: z.array(weeklyWindowSchema).max(336).describe('Working windows, several per day allowed.'),
    holidays: z.array(holidaySchema).max(2000).default([]).describe('Local dates with no working hours.'),
  })
  .superRefine((calendar, context) => {
    for (const problem of calendarProblems(calendar)) {
      context.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    }
  });
export type BusinessCalendar = z.infer<typeof businessCalendarSchema>;

const fullDays: WeeklyWindow[] = [0, 1, 2, 3, 4, 5, 6].map((day) =>
  Object.freeze({ day, start: '00:00', end: '24:00' }),
);

/** Open every minute of every day, in UTC: for SLA policies that count calendar time. */
export const alwaysOpenCalendar: BusinessCalendar = Object.freeze({
  timeZone: 'UTC',
  weekly: Object.freeze(fullDays) as WeeklyWindow[],
  holidays: Object.freeze([]) as unknown as Holiday[],
});

function isCalendarDate(value: string): boolean {
  const [year = 0, month = 0, day = 0] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
