/**
 * The facts a macro or canned response is planned and rendered from: the ticket as it is
 * now, with no triggering event (a human is acting, not reacting), performed by the caller.
 */
import type { RuleFacts } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { buildRuleFacts, loadWorkspaceAutomationSettings } from '../automation/rule-facts.ts';
import type { TicketRecord } from '../tickets/tickets.repository.ts';

export async function loadTicketFacts(
  db: Kysely<DB>,
  actor: Actor,
  input: { ticket: TicketRecord; now: Date },
): Promise<RuleFacts> {
  const settings = await loadWorkspaceAutomationSettings(db, actor.workspaceId);
  const facts = await buildRuleFacts(db, {
    ticket: input.ticket,
    event: null,
    eventType: 'ticket.updated',
    settings,
    now: input.now,
  });
  return { ...facts, performer: { type: actor.type, userId: actor.userId, role: actor.role, ruleId: null } };
}
