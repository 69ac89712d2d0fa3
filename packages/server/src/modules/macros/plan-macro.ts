/**
 * Plans a macro on a ticket, for both apply and preview. The stored actions are checked
 * again against the workspace as it is now (a team or custom field may have gone since the
 * macro was saved), then each is planned with the facts left by the one before, exactly as
 * the rules engine plans a rule's actions.
 */
import {
  applyEffect,
  DomainError,
  type LocalizedText,
  planAction,
  type RuleEffect,
  type RuleFacts,
  renderTemplate,
  templateContextOf,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { TicketRecord } from '../tickets/tickets.repository.ts';
import { loadTicketFacts } from './load-ticket-facts.ts';
import { validateMacroActions } from './macro-actions.ts';
import type { MacroRow } from './macros.repository.ts';

export type MacroPlan = {
  effects: RuleEffect[];
  /** The ticket as the macro leaves it; canned responses in replies are rendered from these. */
  facts: RuleFacts;
};

export async function planMacro(
  db: Kysely<DB>,
  actor: Actor,
  input: { macro: MacroRow; ticket: TicketRecord; now: Date },
): Promise<MacroPlan> {
  const actions = await validateMacroActions(db, actor.workspaceId, {
    actions: input.macro.actions,
    ownerId: input.macro.owner_id,
  });
  let facts = await loadTicketFacts(db, actor, { ticket: input.ticket, now: input.now });
  const effects: RuleEffect[] = [];
  for (const action of actions) {
    const effect = planAction(action, facts);
    effects.push(effect);
    facts = applyEffect(effect, facts);
  }
  return { effects, facts };
}

type MessageEffect = Extract<RuleEffect, { type: 'send_reply' | 'add_note' }>;

export function isMessageEffect(effect: RuleEffect): effect is MessageEffect {
  return effect.type === 'send_reply' || effect.type === 'add_note';
}

/** The text a reply or note effect writes; canned responses are read and rendered here. */
export async function renderMessageEffect(
  db: Kysely<DB>,
  workspaceId: string,
  input: { effect: MessageEffect; facts: RuleFacts },
): Promise<string> {
  const { body, locale } = input.effect;
  if ('text' in body) return body.text;
  const canned = await db
    .selectFrom('canned_responses')
    .select('bodies')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', body.cannedResponseId)
    .executeTakeFirst();
  if (!canned)
    throw new DomainError('VALIDATION_FAILED', `Canned response ${body.cannedResponseId} no longer exists.`);
  return renderTemplate(canned.bodies as LocalizedText, templateContextOf(input.facts), { locale });
}
