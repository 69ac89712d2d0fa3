/**
 * The business time of a calendar as a forward stream of instant spans.
 *
 * Definition: an instant is business time when its local wall-clock reading falls inside a
 * weekly window of its local date and that date is not a holiday. So a window spanning a
 * spring-forward gap is an hour shorter in real time, one spanning a fall-back overlap an
 * hour longer (both readings of 01:30 are business time), and isWithinBusinessHours, which
 * reads the wall clock directly, always agrees with this stream.
 *
 * Work is per local date, not per minute: each date contributes its windows, converted with
 * the offsets in force around it. A date's instants can reach past the next local midnight
 * (a fall-back at midnight repeats the previous evening), so spans are held back until no
 * later date can touch them.
 */
import { type CompiledCalendar, type MsSpan, mergeSpans } from './compile-calendar.ts';
import { dayMs, weekdayOfEpochDay } from './epoch-days.ts';

/**
 * Business spans at or after `fromMs`, ascending and disjoint; consecutive spans may touch
 * (the consumer joins them if it cares). Endless: the caller stops iterating. Terminates
 * per span because a compiled calendar has at least one window and finitely many holidays.
 */
export function* businessSpansFrom(calendar: CompiledCalendar, fromMs: number): Generator<MsSpan> {
  if (calendar.isAlwaysOpen) {
    yield [fromMs, Number.POSITIVE_INFINITY];
    return;
  }
  let pending: MsSpan[] = [];
  // UTC offsets stay within ±1 day, so the local date of fromMs is at most one day earlier.
  for (let epochDay = Math.floor(fromMs / dayMs) - 1; ; epochDay++) {
    pending = mergeSpans([...pending, ...spansOfLocalDate(calendar, epochDay)]);
    // Every instant of a later local date lies after this bound (offsets are under a day).
    const boundMs = epochDay * dayMs;
    while (pending.length > 0) {
      const [startMs, endMs] = pending[0] as MsSpan;
      if (startMs >= boundMs) break;
      const clippedEndMs = Math.min(endMs, boundMs);
      if (clippedEndMs > fromMs) yield [Math.max(startMs, fromMs), clippedEndMs];
      if (endMs > boundMs) {
        pending[0] = [boundMs, endMs];
        break;
      }
      pending.shift();
    }
  }
}

/** The instants whose local date is `epochDay` and whose wall-clock time is in a window. */
function spansOfLocalDate(calendar: CompiledCalendar, epochDay: number): MsSpan[] {
  if (calendar.holidayEpochDays.has(epochDay)) return [];
  const windows = calendar.windowsByWeekday[weekdayOfEpochDay(epochDay)] ?? [];
  if (windows.length === 0) return [];
  const localMidnightMs = epochDay * dayMs;
  const spans: MsSpan[] = [];
  for (const stretch of calendar.offsets.stretches([localMidnightMs - dayMs, localMidnightMs + 2 * dayMs])) {
    for (const [windowStartMs, windowEndMs] of windows) {
      // Within a stretch, instant = local reading - offset, so the window maps linearly.
      const startMs = Math.max(localMidnightMs + windowStartMs - stretch.offsetMs, stretch.startMs);
      const endMs = Math.min(localMidnightMs + windowEndMs - stretch.offsetMs, stretch.endMs);
      if (startMs < endMs) spans.push([startMs, endMs]);
    }
  }
  return mergeSpans(spans);
}
