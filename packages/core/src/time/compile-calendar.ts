/**
 * A validated calendar turned into numbers: windows as milliseconds after local midnight,
 * holidays as epoch days. Every public business-time function compiles its calendar, so a
 * calendar that slipped past the API (old stored JSON, a hand-built object) is rejected
 * with the same pointers instead of looping forever for want of working hours.
 */
import { type FieldError, validationError } from '../errors.ts';
import { type BusinessCalendar, businessCalendarSchema } from './business-calendar.ts';
import { parseClockMinutes } from './calendar-problems.ts';
import { dayMs, epochDayOfIsoDate } from './epoch-days.ts';
import { createZoneOffsets, type ZoneOffsets } from './zone-offsets.ts';

/** [startMs, endMs) pairs: instants as epoch milliseconds, or local times as ms after midnight. */
export type MsSpan = readonly [number, number];

export type CompiledCalendar = {
  readonly timeZone: string;
  /** Index 0 = Sunday; sorted, adjacent windows merged, in ms after local midnight. */
  readonly windowsByWeekday: readonly (readonly MsSpan[])[];
  readonly holidayEpochDays: ReadonlySet<number>;
  readonly lastHolidayEpochDay: number | null;
  /** Every weekday is 00:00-24:00 and there are no holidays: every instant is business time. */
  readonly isAlwaysOpen: boolean;
  readonly offsets: ZoneOffsets;
};

/** Validates and compiles; VALIDATION_FAILED pointers start with `pointerPrefix` (e.g. '/calendar'). */
export function compileCalendar(calendar: BusinessCalendar, pointerPrefix = ''): CompiledCalendar {
  const parsed = businessCalendarSchema.safeParse(calendar);
  if (!parsed.success) {
    throw validationError(
      fieldErrorsOf(parsed.error.issues, pointerPrefix),
      'The business calendar is invalid.',
    );
  }
  const { timeZone, weekly, holidays } = parsed.data;
  const windowsByWeekday = [0, 1, 2, 3, 4, 5, 6].map((day) =>
    mergeSpans(
      weekly
        .filter((window) => window.day === day)
        .map((window): MsSpan => [minutesOf(window.start) * 60_000, minutesOf(window.end) * 60_000]),
    ),
  );
  const holidayEpochDays = new Set(holidays.map((holiday) => epochDayOfIsoDate(holiday.date)));
  const isAlwaysOpen =
    holidayEpochDays.size === 0 &&
    windowsByWeekday.every((spans) => spans.length === 1 && spans[0]?.[0] === 0 && spans[0][1] === dayMs);
  return {
    timeZone,
    windowsByWeekday,
    holidayEpochDays,
    lastHolidayEpochDay: holidayEpochDays.size === 0 ? null : Math.max(...holidayEpochDays),
    isAlwaysOpen,
    offsets: createZoneOffsets(timeZone),
  };
}

/** Sorts spans and joins overlapping or touching ones; returns a new array. */
export function mergeSpans(spans: readonly MsSpan[]): MsSpan[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function minutesOf(clock: string): number {
  const minutes = parseClockMinutes(clock);
  if (minutes === null) throw new Error(`unreachable: schema accepted clock time '${clock}'`);
  return minutes;
}

/** zod issues as field errors with RFC 6901 pointers under `pointerPrefix`. */
export function fieldErrorsOf(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  pointerPrefix: string,
): FieldError[] {
  return issues.map((issue) => ({
    pointer:
      pointerPrefix +
      issue.path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join(''),
    message: issue.message,
  }));
}
