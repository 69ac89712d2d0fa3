/**
 * What applying a macro would do, changing nothing: the planned effects with replies and
 * notes rendered, and the ticket version to send as If-Match when the agent confirms.
 */
import { DomainError, type MacroPreviewDto } from '@switchboard/core';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { findTicket } from '../../tickets/tickets.repository.ts';
import { findVisibleMacro } from '../macros.repository.ts';
import { isMessageEffect, planMacro, renderMessageEffect } from '../plan-macro.ts';

export async function previewMacro(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  input: { ticketId: string; macroId: string },
): Promise<MacroPreviewDto> {
  const ws = actor.workspaceId;
  const ticket = await findTicket(deps.db, ws, input.ticketId);
  if (!ticket) throw new DomainError('TICKET_NOT_FOUND', `Ticket ${input.ticketId} does not exist.`);
  const macro = await findVisibleMacro(deps.db, ws, actor.userId, input.macroId);
  if (!macro) throw new DomainError('MACRO_NOT_FOUND', `Macro ${input.macroId} does not exist.`);
  const plan = await planMacro(deps.db, actor, { macro, ticket, now: deps.clock.now() });
  const effects: MacroPreviewDto['effects'] = [];
  const texts: MacroPreviewDto['texts'] = [];
  for (const [actionIndex, effect] of plan.effects.entries()) {
    if (!isMessageEffect(effect)) {
      effects.push(effect);
      continue;
    }
    const text = await renderMessageEffect(deps.db, ws, { effect, facts: plan.facts });
    effects.push({ ...effect, body: { text } });
    texts.push({ actionIndex, type: effect.type, locale: effect.locale, text });
  }
  return { macroId: macro.id, ticketId: ticket.id, ticketVersion: ticket.version, effects, texts };
}
