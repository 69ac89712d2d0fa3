import type { BusinessCalendar } from './business-calendar.ts';
import { type CompiledCalendar, compileCalendar } from './compile-calendar.ts';
import { dayMs, weekdayOfEpochDay } from './epoch-days.ts';
import { epochMsOf } from './paused-spans.ts';

/** Whether the instant `at` reads, on the calendar zone's wall clock, as inside a working window of a non-holiday. */
export function isWithinBusinessHours(calendar: BusinessCalendar, at: Date): boolean {
  return isBusinessInstant(compileCalendar(calendar), epochMsOf(at, '/at'));
}

function isBusinessInstant(calendar: CompiledCalendar, epochMs: number): boolean {
  if (calendar.isAlwaysOpen) return true;
  const localMs = epochMs + calendar.offsets.offsetAt(epochMs);
  const epochDay = Math.floor(localMs / dayMs);
  if (calendar.holidayEpochDays.has(epochDay)) return false;
  const msOfDay = localMs - epochDay * dayMs;
  const windows = calendar.windowsByWeekday[weekdayOfEpochDay(epochDay)] ?? [];
  return windows.some(([startMs, endMs]) => startMs <= msOfDay && msOfDay < endMs);
}
