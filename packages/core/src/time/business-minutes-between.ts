import type { BusinessCalendar } from './business-calendar.ts';
import { businessMsBetween } from './business-time.ts';
import { compileCalendar } from './compile-calendar.ts';
import { epochMsOf, normalizePausedSpans, type TimeInterval } from './paused-spans.ts';

/**
 * Business minutes in [start, end) outside the paused spans, as an exact (possibly
 * fractional) number; 0 when end is not after start.
 */
export function businessMinutesBetween(
  calendar: BusinessCalendar,
  start: Date,
  end: Date,
  paused: readonly TimeInterval[] = [],
): number {
  const compiled = compileCalendar(calendar);
  const span = [epochMsOf(start, '/start'), epochMsOf(end, '/end')] as const;
  return businessMsBetween(compiled, span, normalizePausedSpans(paused)) / 60_000;
}
