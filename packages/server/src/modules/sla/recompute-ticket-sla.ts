/**
 * Recomputes one ticket's SLA clocks from its whole history under the ticket's row lock,
 * stores them with the next warning/due instant, and appends the sla.warning / sla.breached
 * events crossed since the stored computation, in the caller's transaction. The automation
 * hook, the minute sweep and apply_sla_policy all come through here, so each crossing is
 * reported exactly once whoever notices it first.
 */
import {
  alwaysOpenCalendar,
  type BusinessCalendar,
  computeSlaClocks,
  nextSlaEventAt,
  type SlaClocks,
  type SlaEvent,
  slaEventsBetween,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { systemActor } from '../../platform/actor.ts';
import { appendEvents } from '../events/events.repository.ts';
import { findTicket, type TicketRecord } from '../tickets/tickets.repository.ts';
import { findCalendar, toBusinessCalendar } from './calendars.repository.ts';
import { chooseSlaPolicy } from './choose-sla-policy.ts';
import { type SlaPolicyRow, toSlaPolicy } from './sla-policies.repository.ts';
import { loadSlaHistory } from './ticket-sla-history.ts';
import { deleteTicketSla, findTicketSla, saveTicketSla } from './ticket-slas.repository.ts';

export type RecomputeInput = {
  workspaceId: string;
  ticketId: string;
  now: Date;
  /** apply_sla_policy: pin this policy to the ticket from now on. */
  pinPolicyId?: string;
  /** The workspace's enabled policies, when the caller read them already. */
  enabledPolicies?: SlaPolicyRow[];
};

export async function recomputeTicketSla(db: Kysely<DB>, input: RecomputeInput): Promise<SlaEvent[]> {
  const { workspaceId: ws, ticketId, now } = input;
  const ticket = await findTicket(db, ws, ticketId, { forUpdate: true });
  const stored = await findTicketSla(db, ws, ticketId);
  if (!ticket) {
    if (stored) await deleteTicketSla(db, ws, ticketId);
    return [];
  }
  const choice = await chooseSlaPolicy(db, {
    ticket,
    pinPolicyId: input.pinPolicyId,
    pinnedPolicyId: stored?.pinned ? stored.policyId : null,
    now,
    enabledPolicies: input.enabledPolicies,
  });
  if (!choice) {
    if (stored) await deleteTicketSla(db, ws, ticketId);
    return [];
  }
  const previous = stored?.clocks ?? null;
  // Never compute before the stored computation: an instance whose clock lags would see a
  // crossing as not yet happened and, once past it again, report it a second time.
  const at = previous && previous.computedAt > now ? previous.computedAt : now;
  const clocks = computeSlaClocks({
    policy: toSlaPolicy(choice.policy),
    calendar: await calendarOfPolicy(db, choice.policy),
    ticket: await loadSlaHistory(db, ticket),
    now: at,
  });
  const events = slaEventsBetween(previous, clocks);
  await saveTicketSla(db, {
    workspaceId: ws,
    ticketId,
    clocks,
    pinned: choice.pinned,
    nextEventAt: nextSlaEventAt(clocks),
    at: now,
  });
  await appendEvents(
    db,
    systemActor(ws),
    now,
    events.map((event) => ({
      subjectType: 'ticket',
      subjectId: ticketId,
      type: event.type,
      data: { metric: event.metric, policyId: event.policyId, at: event.at.toISOString(), key: event.key },
    })),
  );
  return events;
}

export async function calendarOfPolicy(db: Kysely<DB>, policy: SlaPolicyRow): Promise<BusinessCalendar> {
  if (!policy.calendar_id) return alwaysOpenCalendar;
  const row = await findCalendar(db, policy.workspace_id, policy.calendar_id);
  // The foreign key keeps the calendar while a policy names it.
  return row ? toBusinessCalendar(row) : alwaysOpenCalendar;
}

/** The clocks of a ticket under a given policy as of `now`, changing nothing (GET /tickets/:id/sla). */
export async function peekTicketSla(
  db: Kysely<DB>,
  ticket: TicketRecord,
  policy: SlaPolicyRow,
  now: Date,
): Promise<SlaClocks> {
  return computeSlaClocks({
    policy: toSlaPolicy(policy),
    calendar: await calendarOfPolicy(db, policy),
    ticket: await loadSlaHistory(db, ticket),
    now,
  });
}
