/**
 * When a time rule first holds for a ticket: its anchor instant plus the rule's hours, in
 * business time of the workspace calendar when the rule counts business hours. The timer
 * stores the first millisecond at which the threshold holds, so the sweep's `due_at <= now`
 * is exact for both operators: greater_than_or_equal holds at anchor + hours, greater_than
 * only strictly after it (+1 ms; the rule facts use the same millisecond clock).
 */
import { addBusinessMinutes, type BusinessCalendar, type TimeAnchor } from '@switchboard/core';

const msPerHour = 3_600_000;

export function dueInstant(anchorAt: Date, anchor: TimeAnchor, calendar: BusinessCalendar): Date {
  // Rounded up: a threshold of fractional hours must not come due a millisecond early.
  const thresholdMs = Math.ceil(anchor.hours * msPerHour) + (anchor.isInclusive ? 0 : 1);
  if (!anchor.isBusinessTime) return new Date(anchorAt.getTime() + thresholdMs);
  // Business time can stand still (nights, weekends): the first instant with MORE than
  // `hours` elapsed is the first business millisecond after the threshold, not its end.
  return addBusinessMinutes(calendar, anchorAt, thresholdMs / 60_000);
}
