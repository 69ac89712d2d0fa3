/**
 * One SLA clock: a target counted from `startMs` over business time minus paused spans,
 * evaluated at `nowMs`. Breach is decided by instants, half-open: a clock stopped (or
 * evaluated) at or after its due instant is breached, so "met" means strictly before due.
 */

import { z } from 'zod';
import { addBusinessMs, businessMsBetween } from '../time/business-time.ts';
import type { CompiledCalendar, MsSpan } from '../time/compile-calendar.ts';
import { type SlaMetric, slaMetrics } from './sla-policy.ts';

export type SlaClockStatus = 'active' | 'paused' | 'met' | 'breached' | 'none';

export type SlaClock = {
  metric: SlaMetric;
  status: SlaClockStatus;
  /** When the clock started (creation, or the customer message opening a reply cycle). */
  startedAt: Date | null;
  /** When the target is (or was) due; null while paused or without a target. */
  dueAt: Date | null;
  /** When the warning fires or fired; null when warnings are off, while paused, or never reached before met. */
  warnAt: Date | null;
  /** Equals dueAt once breached. */
  breachedAt: Date | null;
  /** When the reply was given or the ticket solved; also set on a late (breached) fulfilment. */
  metAt: Date | null;
  targetMinutes: number | null;
  /** Counted minutes (business or calendar) from start to metAt or now, pauses excluded. */
  elapsedBusinessMinutes: number;
  remainingBusinessMinutes: number | null;
};

export type ClockInput = {
  metric: SlaMetric;
  calendar: CompiledCalendar;
  startMs: number;
  /** When the clock stopped for good (fulfilled), or null while it may still run. */
  stopMs: number | null;
  /** Sorted, merged; the current pause may end at +Infinity. */
  paused: readonly MsSpan[];
  targetMinutes: number | undefined;
  warnBeforeMinutes: number;
  nowMs: number;
};

export function noClock(metric: SlaMetric): SlaClock {
  return {
    metric,
    status: 'none',
    startedAt: null,
    dueAt: null,
    warnAt: null,
    breachedAt: null,
    metAt: null,
    targetMinutes: null,
    elapsedBusinessMinutes: 0,
    remainingBusinessMinutes: null,
  };
}

export function computeClock(input: ClockInput): SlaClock {
  const { calendar, startMs, stopMs, targetMinutes, warnBeforeMinutes } = input;
  if (targetMinutes === undefined) return noClock(input.metric);
  const horizonMs = Math.max(stopMs ?? input.nowMs, startMs);
  // Pauses after the horizon are unknown yet; an open pause counts up to the horizon.
  const paused = input.paused
    .map(([pauseStartMs, pauseEndMs]): MsSpan => [pauseStartMs, Math.min(pauseEndMs, horizonMs)])
    .filter(([pauseStartMs, pauseEndMs]) => pauseStartMs < pauseEndMs);
  const isPausedNow = stopMs === null && input.paused.some(([s, e]) => s <= horizonMs && horizonMs < e);
  const dueMs = addBusinessMs(calendar, startMs, targetMinutes * 60_000, paused);
  const warnMs =
    warnBeforeMinutes > 0
      ? addBusinessMs(calendar, startMs, Math.max(0, targetMinutes - warnBeforeMinutes) * 60_000, paused)
      : null;
  const elapsedMinutes = businessMsBetween(calendar, [startMs, horizonMs], paused) / 60_000;
  const isBreached = dueMs <= horizonMs;
  const status: SlaClockStatus = isBreached
    ? 'breached'
    : stopMs !== null
      ? 'met'
      : isPausedNow
        ? 'paused'
        : 'active';
  const isWarnReached = warnMs !== null && warnMs <= horizonMs;
  return {
    metric: input.metric,
    status,
    startedAt: new Date(startMs),
    dueAt: status === 'paused' ? null : new Date(dueMs),
    warnAt: status === 'active' || isWarnReached ? dateOrNull(warnMs) : null,
    breachedAt: isBreached ? new Date(dueMs) : null,
    metAt: dateOrNull(stopMs),
    targetMinutes,
    elapsedBusinessMinutes: elapsedMinutes,
    remainingBusinessMinutes: Math.max(0, targetMinutes - elapsedMinutes),
  };
}

function dateOrNull(epochMs: number | null): Date | null {
  return epochMs === null ? null : new Date(epochMs);
}

const instantSchema = z.coerce.date().nullable();

/** Reads an SlaClock back from JSON (ISO strings become Dates). */
export const slaClockSchema = z.object({
  metric: z.enum(slaMetrics),
  status: z.enum(['active', 'paused', 'met', 'breached', 'none']),
  startedAt: instantSchema,
  dueAt: instantSchema,
  warnAt: instantSchema,
  breachedAt: instantSchema,
  metAt: instantSchema,
  targetMinutes: z.number().nullable(),
  elapsedBusinessMinutes: z.number(),
  remainingBusinessMinutes: z.number().nullable(),
}) satisfies z.ZodType<SlaClock, unknown>;
