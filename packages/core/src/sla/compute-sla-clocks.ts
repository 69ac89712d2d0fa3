import { z } from 'zod';
import { validationError } from '../errors.ts';
import type { TicketStatus } from '../tickets/ticket-status.ts';
import { alwaysOpenCalendar, type BusinessCalendar } from '../time/business-calendar.ts';
import {
  type CompiledCalendar,
  compileCalendar,
  fieldErrorsOf,
  mergeSpans,
} from '../time/compile-calendar.ts';
import { epochMsOf } from '../time/paused-spans.ts';
import { computeClock, noClock, type SlaClock, slaClockSchema } from './sla-clock.ts';
import { type SlaPolicy, type SlaTarget, slaPolicySchema } from './sla-policy.ts';
import {
  buildTicketTimeline,
  type ReplyCycle,
  type SlaTicketHistory,
  solvedStatuses,
  type TicketTimeline,
} from './ticket-timeline.ts';

export type SlaClockInput = {
  policy: SlaPolicy;
  /** Used when the policy counts business hours; ignored (24/7) otherwise. */
  calendar: BusinessCalendar;
  ticket: SlaTicketHistory;
  now: Date;
};

export type SlaClocks = {
  policyId: string;
  /** The `now` these clocks were computed for. */
  computedAt: Date;
  firstResponse: SlaClock;
  /** The latest next-response cycle (active, paused, met or breached), or status none. */
  nextResponse: SlaClock;
  /** Earlier next-response cycles that breached, oldest first. */
  nextResponseBreaches: SlaClock[];
  resolution: SlaClock;
};

/** Reads SlaClocks back from JSON, e.g. the previous result stored with the ticket. */
export const slaClocksSchema = z.object({
  policyId: z.string(),
  computedAt: z.coerce.date(),
  firstResponse: slaClockSchema,
  nextResponse: slaClockSchema,
  nextResponseBreaches: z.array(slaClockSchema),
  resolution: slaClockSchema,
}) satisfies z.ZodType<SlaClocks, unknown>;

const responsePausedStatuses: ReadonlySet<TicketStatus> = new Set(['pending', 'on_hold']);
const resolutionPausedStatuses: ReadonlySet<TicketStatus> = new Set([
  'pending',
  'on_hold',
  'solved',
  'closed',
]);

/**
 * Every SLA clock of a ticket as of `now`, recomputed from the whole history so that a
 * changed policy, calendar or priority gives exact due times (see index.ts for semantics).
 * Throws VALIDATION_FAILED (pointers under /policy, /calendar, /ticket) on bad input.
 */
export function computeSlaClocks(input: SlaClockInput): SlaClocks {
  const policy = parsePolicy(input.policy);
  const calendar = compileCalendar(
    policy.useBusinessHours ? input.calendar : alwaysOpenCalendar,
    '/calendar',
  );
  const nowMs = epochMsOf(input.now, '/now');
  const timeline = buildTicketTimeline(input.ticket, nowMs);
  const targetAt = (ms: number): SlaTarget => policy.targets[timeline.priorityAt(ms)];
  const responsePaused = mergeSpans(timeline.spansIn(responsePausedStatuses));
  const shared = { calendar, warnBeforeMinutes: policy.warnBeforeMinutes, nowMs };

  const replyClock = (cycle: ReplyCycle, metric: 'first_response' | 'next_response'): SlaClock => {
    const target = targetAt(cycle.stopMs ?? nowMs);
    const targetMinutes =
      metric === 'first_response' ? target.firstResponseMinutes : target.nextResponseMinutes;
    return computeClock({
      ...shared,
      metric,
      startMs: cycle.startMs,
      stopMs: cycle.stopMs,
      paused: responsePaused,
      targetMinutes,
    });
  };
  const [firstCycle, ...nextCycles] = timeline.replyCycles;
  const nextResponses = nextCycles.map((cycle) => replyClock(cycle, 'next_response'));
  return {
    policyId: policy.id,
    computedAt: new Date(nowMs),
    firstResponse: firstCycle ? replyClock(firstCycle, 'first_response') : noClock('first_response'),
    nextResponse: nextResponses.at(-1) ?? noClock('next_response'),
    nextResponseBreaches: nextResponses.slice(0, -1).filter((clock) => clock.status === 'breached'),
    resolution: resolutionClock(timeline, { ...shared, targetAt }),
  };
}

function resolutionClock(
  timeline: TicketTimeline,
  args: {
    calendar: CompiledCalendar;
    warnBeforeMinutes: number;
    nowMs: number;
    targetAt: (ms: number) => SlaTarget;
  },
): SlaClock {
  // Solved (or solved, then closed) now: the clock stopped when that streak began.
  const stopMs = timeline.streakStartMs(solvedStatuses, args.nowMs);
  return computeClock({
    metric: 'resolution',
    calendar: args.calendar,
    startMs: timeline.createdMs,
    stopMs,
    paused: mergeSpans(timeline.spansIn(resolutionPausedStatuses)),
    targetMinutes: args.targetAt(stopMs ?? args.nowMs).resolutionMinutes,
    warnBeforeMinutes: args.warnBeforeMinutes,
    nowMs: args.nowMs,
  });
}

function parsePolicy(policy: SlaPolicy): SlaPolicy {
  const parsed = slaPolicySchema.safeParse(policy);
  if (parsed.success) return parsed.data;
  throw validationError(fieldErrorsOf(parsed.error.issues, '/policy'), 'The SLA policy is invalid.');
}
