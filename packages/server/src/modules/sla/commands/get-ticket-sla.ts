/**
 * A ticket's SLA for the agent UI: the policy covering it and its clocks as of now, computed
 * from the history without storing anything, so remaining minutes are exact at read time.
 */
import {
  DomainError,
  nextSlaEventAt,
  type SlaClock,
  type SlaClockDto,
  type TicketSlaDto,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { findTicket } from '../../tickets/tickets.repository.ts';
import { peekTicketSla } from '../recompute-ticket-sla.ts';
import { findSlaPolicy } from '../sla-policies.repository.ts';
import { findTicketSla } from '../ticket-slas.repository.ts';

export async function getTicketSla(
  deps: Pick<Deps, 'clock'>,
  db: Kysely<DB>,
  actor: Actor,
  input: { ticketId: string },
): Promise<TicketSlaDto> {
  const ws = actor.workspaceId;
  const now = deps.clock.now();
  const ticket = await findTicket(db, ws, input.ticketId);
  if (!ticket) throw new DomainError('TICKET_NOT_FOUND', `Ticket ${input.ticketId} does not exist.`);
  const stored = await findTicketSla(db, ws, ticket.id);
  const policy = stored ? await findSlaPolicy(db, ws, stored.policyId) : undefined;
  if (!stored || !policy) {
    return {
      policy: null,
      pinned: false,
      computedAt: now.toISOString(),
      nextEventAt: null,
      firstResponse: null,
      nextResponse: null,
      resolution: null,
      nextResponseBreaches: [],
    };
  }
  const clocks = await peekTicketSla(db, ticket, policy, now);
  return {
    policy: { id: policy.id, name: policy.name },
    pinned: stored.pinned,
    computedAt: clocks.computedAt.toISOString(),
    nextEventAt: nextSlaEventAt(clocks)?.toISOString() ?? null,
    firstResponse: toClockDto(clocks.firstResponse),
    nextResponse: toClockDto(clocks.nextResponse),
    resolution: toClockDto(clocks.resolution),
    nextResponseBreaches: clocks.nextResponseBreaches.map(toClockDto),
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toClockDto(clock: SlaClock): SlaClockDto {
  return {
    ...clock,
    startedAt: iso(clock.startedAt),
    dueAt: iso(clock.dueAt),
    warnAt: iso(clock.warnAt),
    breachedAt: iso(clock.breachedAt),
    metAt: iso(clock.metAt),
  };
}
