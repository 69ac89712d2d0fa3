/**
 * UTC offsets of one time zone as constant-offset stretches between its transitions. Day
 * loops ask for the offsets around every local date; remembering each stretch found (from
 * the previous transition to the next) means Temporal is consulted about twice per DST
 * period touched, not once per day. One instance lives on a compiled calendar, so the
 * memory is per computation and nothing is shared between calls.
 */
import { Temporal } from 'temporal-polyfill';
import type { MsSpan } from './compile-calendar.ts';

/** Instants [startMs, endMs) during which local time = instant + offsetMs. */
export type OffsetStretch = { startMs: number; endMs: number; offsetMs: number };

export type ZoneOffsets = {
  offsetAt(epochMs: number): number;
  /** The stretches covering [fromMs, toMs), clipped to it, in order. */
  stretches(span: MsSpan): OffsetStretch[];
};

export function createZoneOffsets(timeZone: string): ZoneOffsets {
  const known: OffsetStretch[] = [];

  function stretchAt(epochMs: number): OffsetStretch {
    const found = known.find((stretch) => stretch.startMs <= epochMs && epochMs < stretch.endMs);
    if (found) return found;
    const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
    // 'previous' is strictly earlier, so ask from 1 ms later: a transition exactly at
    // epochMs (transitions fall on whole seconds) then starts this stretch, as it should.
    const previous = Temporal.Instant.fromEpochMilliseconds(epochMs + 1)
      .toZonedDateTimeISO(timeZone)
      .getTimeZoneTransition('previous');
    const next = zoned.getTimeZoneTransition('next');
    const stretch = {
      startMs: previous?.epochMilliseconds ?? Number.NEGATIVE_INFINITY,
      endMs: next ? next.epochMilliseconds : Number.POSITIVE_INFINITY,
      offsetMs: zoned.offsetNanoseconds / 1_000_000,
    };
    known.push(stretch);
    return stretch;
  }

  return {
    offsetAt: (epochMs) => stretchAt(epochMs).offsetMs,
    stretches([fromMs, toMs]) {
      const result: OffsetStretch[] = [];
      for (let at = fromMs; at < toMs; ) {
        const stretch = stretchAt(at);
        const endMs = Math.min(stretch.endMs, toMs);
        result.push({ startMs: at, endMs, offsetMs: stretch.offsetMs });
        at = endMs;
      }
      return result;
    },
  };
}
