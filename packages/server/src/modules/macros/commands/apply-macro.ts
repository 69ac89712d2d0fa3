/**
 * Applies a macro to a ticket as ONE change by the agent: every effect runs in the caller's
 * transaction with the agent as actor (not a rule), so the timeline shows the agent's
 * changes and any failing action (a forbidden status move, a team deleted since) rolls the
 * whole macro back. The ticket commands take no cause, so a `macro.applied` event on the
 * ticket records which macro made the change.
 */
import { DomainError, type RuleEffect, type TicketDto } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { applyRuleEffects } from '../../automation/effects/apply-effects.ts';
import { isFieldEffect } from '../../automation/effects/ticket-field-effects.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { lockTicket } from '../../tickets/commands/update-ticket.ts';
import { findTicket, listFollowerIds, toTicketDto } from '../../tickets/tickets.repository.ts';
import { countMacroUse, findVisibleMacro } from '../macros.repository.ts';
import { planMacro } from '../plan-macro.ts';

const isClosing = (effect: RuleEffect) => effect.type === 'set_status' && effect.status === 'closed';

/**
 * Field changes first, merged into one ticket update (Zendesk applies a macro as one
 * update); then replies, notes and the rest in the macro's order. Closing goes last,
 * because a closed ticket takes no more messages. Texts were already planned in the
 * macro's order, so this reordering changes no rendered placeholder.
 */
export function inApplyOrder(effects: readonly RuleEffect[]): RuleEffect[] {
  return [
    ...effects.filter((e) => isFieldEffect(e) && !isClosing(e)),
    ...effects.filter((e) => !isFieldEffect(e)),
    ...effects.filter(isClosing),
  ];
}

export async function applyMacro(
  deps: Deps,
  trx: Kysely<DB>,
  actor: Actor,
  input: { ticketId: string; macroId: string; expectedVersion?: number },
): Promise<TicketDto> {
  const ws = actor.workspaceId;
  const ticket = await lockTicket(trx, ws, input.ticketId, input.expectedVersion);
  if (ticket.status === 'closed')
    throw new DomainError('TICKET_CLOSED', `Ticket #${ticket.number} is closed and can no longer change.`);
  const macro = await findVisibleMacro(trx, ws, actor.userId, input.macroId);
  if (!macro) throw new DomainError('MACRO_NOT_FOUND', `Macro ${input.macroId} does not exist.`);
  const now = deps.clock.now();
  const plan = await planMacro(trx, actor, { macro, ticket, now });
  // ruleId is read only by notify and call_webhook effects, which macros cannot hold.
  const context = { deps, trx, actor, ruleId: macro.id, ticketId: ticket.id, facts: plan.facts };
  await applyRuleEffects(context, inApplyOrder(plan.effects));
  await countMacroUse(trx, ws, macro.id);
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'ticket',
      subjectId: ticket.id,
      type: 'macro.applied',
      data: { macroId: macro.id, name: macro.name },
    },
  ]);
  const updated = await findTicket(trx, ws, ticket.id);
  if (!updated) throw new DomainError('TICKET_NOT_FOUND', `Ticket ${ticket.id} does not exist.`);
  const followers = await listFollowerIds(trx, ws, [ticket.id]);
  return toTicketDto(updated, followers.get(ticket.id) ?? []);
}
