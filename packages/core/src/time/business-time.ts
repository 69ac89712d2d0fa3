/**
 * Business-time arithmetic over compiled calendars and epoch milliseconds. The public,
 * Date-based wrappers live in one file per function; the SLA clock calls these directly so
 * it compiles its calendar once per computation.
 */
import { businessSpansFrom } from './business-intervals.ts';
import type { CompiledCalendar, MsSpan } from './compile-calendar.ts';
import { withoutPausedSpans } from './paused-spans.ts';

/** Earliest instant t ≥ startMs with `durationMs` of unpaused business time in [startMs, t). */
export function addBusinessMs(
  calendar: CompiledCalendar,
  startMs: number,
  durationMs: number,
  paused: readonly MsSpan[],
): number {
  if (durationMs <= 0) return startMs;
  let remainingMs = durationMs;
  for (const [spanStartMs, spanEndMs] of withoutPausedSpans(businessSpansFrom(calendar, startMs), paused)) {
    if (remainingMs <= spanEndMs - spanStartMs) return spanStartMs + remainingMs;
    remainingMs -= spanEndMs - spanStartMs;
  }
  throw new Error('unreachable: business time never ends');
}

/** Unpaused business time in [startMs, endMs), in ms; 0 when endMs ≤ startMs. */
export function businessMsBetween(
  calendar: CompiledCalendar,
  span: MsSpan,
  paused: readonly MsSpan[],
): number {
  const [startMs, endMs] = span;
  let totalMs = 0;
  if (endMs <= startMs) return totalMs;
  for (const [spanStartMs, spanEndMs] of withoutPausedSpans(businessSpansFrom(calendar, startMs), paused)) {
    if (spanStartMs >= endMs) break;
    totalMs += Math.min(spanEndMs, endMs) - spanStartMs;
  }
  return totalMs;
}
