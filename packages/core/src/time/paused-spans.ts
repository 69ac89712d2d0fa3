/**
 * Paused time (a ticket pending on the customer, on hold) as plain half-open intervals that
 * the business-time functions skip. Inputs are copied, sorted and merged, never mutated.
 */
import { validationError } from '../errors.ts';
import { type MsSpan, mergeSpans } from './compile-calendar.ts';

/** A half-open span of time [start, end). */
export type TimeInterval = { start: Date; end: Date };

/** Epoch ms of a Date, or a VALIDATION_FAILED error naming `pointer` for an invalid Date. */
export function epochMsOf(date: Date, pointer: string): number {
  const epochMs = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(epochMs)) throw validationError([{ pointer, message: 'must be a valid date' }]);
  return epochMs;
}

/** Sorted, merged spans; empty intervals are dropped, inverted ones rejected. */
export function normalizePausedSpans(paused: readonly TimeInterval[] = []): MsSpan[] {
  const spans = paused.map((interval, index): MsSpan => {
    const startMs = epochMsOf(interval.start, `/paused/${index}/start`);
    const endMs = epochMsOf(interval.end, `/paused/${index}/end`);
    if (endMs < startMs) {
      throw validationError([{ pointer: `/paused/${index}/end`, message: 'must not be before start' }]);
    }
    return [startMs, endMs];
  });
  return mergeSpans(spans.filter(([startMs, endMs]) => startMs < endMs));
}

/** `spans` (ascending, disjoint) with the sorted, merged `paused` spans cut out. */
export function* withoutPausedSpans(spans: Iterable<MsSpan>, paused: readonly MsSpan[]): Generator<MsSpan> {
  let first = 0;
  for (const [startMs, endMs] of spans) {
    while (first < paused.length && (paused[first] as MsSpan)[1] <= startMs) first++;
    let cursorMs = startMs;
    for (let index = first; index < paused.length && cursorMs < endMs; index++) {
      const [pauseStartMs, pauseEndMs] = paused[index] as MsSpan;
      if (pauseStartMs >= endMs) break;
      if (pauseStartMs > cursorMs) yield [cursorMs, pauseStartMs];
      cursorMs = Math.max(cursorMs, pauseEndMs);
    }
    if (cursorMs < endMs) yield [cursorMs, endMs];
  }
}
