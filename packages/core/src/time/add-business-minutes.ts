import { validationError } from '../errors.ts';
import type { BusinessCalendar } from './business-calendar.ts';
import { addBusinessMs } from './business-time.ts';
import { compileCalendar } from './compile-calendar.ts';
import { epochMsOf, normalizePausedSpans, type TimeInterval } from './paused-spans.ts';

/**
 * The earliest instant at which `minutes` of business time (wall-clock windows in the
 * calendar's zone, paused spans skipped) have elapsed since `start`; `start` itself for 0.
 * Fractional minutes are kept to the millisecond. Throws VALIDATION_FAILED for negative
 * or non-finite minutes and for an invalid calendar.
 */
export function addBusinessMinutes(
  calendar: BusinessCalendar,
  start: Date,
  minutes: number,
  paused: readonly TimeInterval[] = [],
): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw validationError([
      { pointer: '/minutes', message: 'must be a finite number of minutes, 0 or more' },
    ]);
  }
  const compiled = compileCalendar(calendar);
  const startMs = epochMsOf(start, '/start');
  return new Date(
    addBusinessMs(compiled, startMs, Math.round(minutes * 60_000), normalizePausedSpans(paused)),
  );
}
