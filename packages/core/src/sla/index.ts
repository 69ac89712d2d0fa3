/**
 * SLA clocks, computed purely from a policy, a business calendar, the ticket's history and
 * `now`. The server never keeps partial sums: it recomputes from history, so a changed
 * policy, calendar or priority yields the exact new due times.
 *
 * Semantics
 * - Counting: targets are minutes of business time on the calendar (calendar time, 24/7,
 *   when the policy has useBusinessHours false), excluding paused spans. Intervals are
 *   half-open; due is the first instant at which the target has been counted, and a clock
 *   is met only if fulfilled strictly before due. Fulfilment at or after due is a breach
 *   (breachedAt = dueAt, metAt = the late fulfilment).
 * - Pauses: every clock pauses while the status is pending or on_hold. A paused clock has
 *   dueAt null (it depends on when it resumes) and remainingBusinessMinutes set.
 * - First response: from ticket creation to the first agent public reply. An agent's
 *   public message at creation (an outbound ticket) fulfils it at once.
 * - Next response: a cycle starts at the first customer public message after a reply was
 *   given and ends at the next agent public reply. Only the latest cycle is reported in
 *   `nextResponse`; earlier breached cycles are listed in `nextResponseBreaches`.
 * - Solving fulfils response clocks: a solved ticket owes no reply (the ticket's solve
 *   counts as the reply). A customer message that leaves the ticket solved (a thank-you)
 *   starts no cycle; one that reopens it must be recorded with the reopen at the same
 *   instant or earlier.
 * - Resolution: business time from creation in statuses other than pending, on_hold,
 *   solved and closed. It is met while the ticket is solved or closed (metAt = when the
 *   current solved stretch began) and resumes, keeping its elapsed time, on reopen.
 * - Priority: the target is the one for the ticket's priority when the clock stopped (or
 *   now, while running), counted from the same start, as Zendesk does: raising priority
 *   can make a clock breached at once, with breachedAt in the past.
 * - Warnings: warnAt is when (target - warnBeforeMinutes) counted minutes have elapsed
 *   (the start itself if warnBeforeMinutes ≥ target); none when warnBeforeMinutes is 0.
 * - Messages by author 'system' (automatic acknowledgements, rule replies) and non-public
 *   notes never count as replies or customer messages.
 *
 * - As of `now`: history recorded after `now` is ignored, so a past state can be replayed.
 *
 * Server contract: store the SlaClocks JSON and nextSlaEventAt(result) with the ticket; when
 * that instant passes or the history/policy/calendar changes, recompute under the ticket's
 * row lock, append slaEventsBetween(previous, next) in the same transaction, store `next`
 * (read it back with slaClocksSchema, which revives the dates). Choosing the policy by
 * conditions is a server concern.
 */
export {
  computeSlaClocks,
  type SlaClockInput,
  type SlaClocks,
  slaClocksSchema,
} from './compute-sla-clocks.ts';
export { nextSlaEventAt } from './next-sla-event-at.ts';
export { type SlaClock, type SlaClockStatus, slaClockSchema } from './sla-clock.ts';
export { type SlaEvent, slaEventsBetween } from './sla-events-between.ts';
export {
  type SlaMetric,
  type SlaPolicy,
  type SlaTarget,
  slaMetrics,
  slaPolicySchema,
  slaTargetSchema,
} from './sla-policy.ts';
export type { SlaTicketHistory } from './ticket-timeline.ts';
