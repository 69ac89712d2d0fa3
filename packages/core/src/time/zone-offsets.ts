/**
 * UTC offsets of one time zone as constant-offset stretches of time. Day loops ask for the
 * offsets around each local date; remembering the current stretch (until the zone's next
 * transition) means Temporal is consulted about twice a year per zone, not once per day.
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
  let known: OffsetStretch | null = null;

  function stretchAt(epochMs: number): OffsetStretch {
    if (known && epochMs >= known.startMs && epochMs < known.endMs) return known;
    const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
    const next = zoned.getTimeZoneTransition('next');
    known = {
      startMs: epochMs,
      endMs: next ? next.epochMilliseconds : Number.POSITIVE_INFINITY,
      offsetMs: zoned.offsetNanoseconds / 1_000_000,
    };
    return known;
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
