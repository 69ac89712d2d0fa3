/**
 * SLA events from two consecutive computations of one ticket's clocks. The server keeps the
 * previous SlaClocks with the ticket, recomputes under the ticket's row lock (on a history
 * change or when nextSlaEventAt passes), stores the new result and appends these events in
 * the same transaction, so each crossing is reported exactly once. `key` is stable per
 * crossing, for a unique index if the server wants a second guard.
 */

import type { SlaClocks } from './compute-sla-clocks.ts';
import { currentClocks } from './next-sla-event-at.ts';
import type { SlaClock } from './sla-clock.ts';
import type { SlaMetric } from './sla-policy.ts';

export type SlaEvent = {
  type: 'sla.warning' | 'sla.breached';
  policyId: string;
  metric: SlaMetric;
  /** Identifies the clock: creation for first response and resolution, the cycle start for next response. */
  cycleStartedAt: Date;
  /** When the warning or breach happened (may be earlier than computedAt). */
  at: Date;
  key: string;
};

/**
 * Warnings for running clocks that reached warnAt since `previous`, and breaches (including
 * earlier next-response cycles) that `previous` had not reported. A different policy id
 * starts afresh, so a newly applied policy reports a breach it is already past. A clock that
 * jumped past warning straight to breach reports only the breach.
 */
export function slaEventsBetween(previous: SlaClocks | null, next: SlaClocks): SlaEvent[] {
  const before = previous?.policyId === next.policyId ? previous : null;
  const events: SlaEvent[] = [];
  for (const clock of currentClocks(next)) {
    const warnAt = clock.warnAt;
    if (clock.status !== 'active' || !warnAt || warnAt > next.computedAt) continue;
    if (before && hasWarned(findClock(before, clock), before.computedAt)) continue;
    events.push(eventOf('sla.warning', next.policyId, clock, warnAt));
  }
  for (const clock of [...next.nextResponseBreaches, ...currentClocks(next)]) {
    if (!clock.breachedAt) continue;
    if (before && findClock(before, clock)?.breachedAt) continue;
    events.push(eventOf('sla.breached', next.policyId, clock, clock.breachedAt));
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function findClock(clocks: SlaClocks, like: SlaClock): SlaClock | undefined {
  return [...clocks.nextResponseBreaches, ...currentClocks(clocks)].find(
    (clock) => clock.metric === like.metric && clock.startedAt?.getTime() === like.startedAt?.getTime(),
  );
}

function hasWarned(clock: SlaClock | undefined, at: Date): boolean {
  return Boolean(clock && (clock.breachedAt || (clock.warnAt && clock.warnAt <= at)));
}

function eventOf(type: SlaEvent['type'], policyId: string, clock: SlaClock, at: Date): SlaEvent {
  const cycleStartedAt = clock.startedAt ?? at;
  return {
    type,
    policyId,
    metric: clock.metric,
    cycleStartedAt,
    at,
    key: `${policyId}:${clock.metric}:${cycleStartedAt.toISOString()}:${type}`,
  };
}
