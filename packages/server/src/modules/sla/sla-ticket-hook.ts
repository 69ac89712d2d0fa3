/**
 * Keeps a ticket's SLA clocks in step after its events went through the rules: a reply,
 * a status or priority change (whoever made it), or the sla.* events themselves, whose
 * recomputation reports nothing new.
 */
import type { TicketHook } from '../automation/process-inbox.ts';
import { recomputeTicketSla } from './recompute-ticket-sla.ts';

export const slaTicketHook: TicketHook = async (deps, trx, ticketId, workspaceId) => {
  await recomputeTicketSla(trx, { workspaceId, ticketId, now: deps.clock.now() });
};
