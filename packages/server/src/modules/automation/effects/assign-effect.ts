/** assign_by_strategy: the strategy picks among the team's available agents; nobody available leaves it unassigned. */

import { chooseAgent, type Strategy } from '../../assignment/choose-agent.ts';
import { updateTicket } from '../../tickets/commands/update-ticket.ts';
import type { EffectContext } from './effect-context.ts';

export async function applyAssignEffect(
  ctx: EffectContext,
  effect: { strategy: Strategy; teamId: string | null },
): Promise<void> {
  const agentId = await chooseAgent(ctx.trx, {
    workspaceId: ctx.actor.workspaceId,
    strategy: effect.strategy,
    teamId: effect.teamId,
    need: {
      language: ctx.facts.ticket.language ?? ctx.facts.message?.language ?? undefined,
      topics: [...ctx.facts.ticket.tags],
    },
    now: ctx.deps.clock.now(),
  });
  const changes = {
    ...(agentId ? { assigneeId: agentId } : {}),
    ...(effect.teamId && effect.teamId !== ctx.facts.ticket.teamId ? { teamId: effect.teamId } : {}),
  };
  if (Object.keys(changes).length === 0) return;
  await updateTicket(ctx.deps, ctx.trx, ctx.actor, { ticketId: ctx.ticketId, changes });
}
