/**
 * Keeps a ticket's SLA clocks in step after its events went through the rules: a reply,
 * a status or priority change (whoever made it), or the sla.* events themselves, whose
 * recomputation reports nothing new.
 */
import type { TicketHook } from '../automation/process-inbox.ts';
import { recomputeTicketSla } from './recompute-ticket-sla.ts';
import { listSlaPolicies } from './sla-policies.repository.ts';

export const slaTicketHook: TicketHook = async (deps, trx, ticketId, workspaceId, scope) => {
  const enabledPolicies = await scope.memo(`sla-policies:${workspaceId}`, () =>
    listSlaPolicies(trx, workspaceId, { enabledOnly: true }),
  );
  await recomputeTicketSla(trx, { workspaceId, ticketId, now: deps.clock.now(), enabledPolicies });
};
