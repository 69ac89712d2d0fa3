/**
 * apply_sla_policy: pins a policy to the ticket, whatever the policies' conditions say, and
 * computes its clocks at once (a policy applied late reports breaches it is already past).
 */
import type { EffectContext } from '../automation/effects/effect-context.ts';
import { recomputeTicketSla } from './recompute-ticket-sla.ts';

export async function applySlaPolicy(ctx: EffectContext, policyId: string): Promise<void> {
  await recomputeTicketSla(ctx.trx, {
    workspaceId: ctx.actor.workspaceId,
    ticketId: ctx.ticketId,
    now: ctx.deps.clock.now(),
    pinPolicyId: policyId,
  });
}
