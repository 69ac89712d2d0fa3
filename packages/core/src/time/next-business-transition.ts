import type { BusinessCalendar } from './business-calendar.ts';
import { businessSpansFrom } from './business-intervals.ts';
import { compileCalendar } from './compile-calendar.ts';
import { dayMs } from './epoch-days.ts';
import { epochMsOf } from './paused-spans.ts';

export type BusinessTransition = { kind: 'opens' | 'closes'; at: Date };

/**
 * The first instant after `at` when the calendar opens (if `at` is outside business hours)
 * or closes (if inside). Windows that touch across midnight do not count as a close. Null
 * when business hours never close again (24/7 with no holidays left).
 */
export function nextBusinessTransition(calendar: BusinessCalendar, at: Date): BusinessTransition | null {
  const compiled = compileCalendar(calendar);
  const atMs = epochMsOf(at, '/at');
  // After the last holiday the weekly pattern repeats, so a close must appear within a week;
  // if none has by then (every day 00:00-24:00), there is none.
  const horizonMs = Math.max(atMs, ((compiled.lastHolidayEpochDay ?? 0) + 2) * dayMs) + 8 * dayMs;
  let openUntilMs: number | null = null;
  for (const [startMs, endMs] of businessSpansFrom(compiled, atMs)) {
    if (openUntilMs === null) {
      if (startMs > atMs) return { kind: 'opens', at: new Date(startMs) };
    } else if (startMs > openUntilMs) {
      return { kind: 'closes', at: new Date(openUntilMs) };
    }
    openUntilMs = endMs;
    if (openUntilMs > horizonMs) return null;
  }
  return null;
}
