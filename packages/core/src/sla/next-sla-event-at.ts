import type { SlaClocks } from './compute-sla-clocks.ts';
import type { SlaClock } from './sla-clock.ts';

/**
 * The earliest warning or due instant still ahead of `clocks.computedAt` among running
 * clocks, or null. The server stores it in an indexed column and recomputes the clocks when
 * it passes; history changes (messages, status, priority, policy, calendar) recompute anyway.
 */
export function nextSlaEventAt(clocks: SlaClocks): Date | null {
  const nowMs = clocks.computedAt.getTime();
  let earliestMs = Number.POSITIVE_INFINITY;
  for (const clock of currentClocks(clocks)) {
    if (clock.status !== 'active') continue;
    for (const instant of [clock.warnAt, clock.dueAt]) {
      const ms = instant?.getTime();
      if (ms !== undefined && ms > nowMs && ms < earliestMs) earliestMs = ms;
    }
  }
  return earliestMs === Number.POSITIVE_INFINITY ? null : new Date(earliestMs);
}

export function currentClocks(clocks: SlaClocks): SlaClock[] {
  return [clocks.firstResponse, clocks.nextResponse, clocks.resolution];
}
