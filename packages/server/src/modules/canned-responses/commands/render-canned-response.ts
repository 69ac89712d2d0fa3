/**
 * A canned response filled in for one ticket, for the agent composer: the variant in the
 * requester's language (else the ticket's, else the workspace's), as text and as escaped
 * HTML. The HTML is built from the text because personal responses are written by any
 * agent and never sanitised, so their markup must not reach the composer as markup.
 */
import { DomainError, renderTemplate, requesterLocaleOf, templateContextOf } from '@switchboard/core';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { textToHtml } from '../../../platform/html.ts';
import { loadTicketFacts } from '../../macros/load-ticket-facts.ts';
import { findTicket } from '../../tickets/tickets.repository.ts';
import { findVisibleCannedResponse } from '../canned-responses.repository.ts';

export async function renderCannedResponse(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  input: { id: string; ticketId: string },
): Promise<{ text: string; html: string; locale: string }> {
  const ws = actor.workspaceId;
  const row = await findVisibleCannedResponse(deps.db, ws, actor.userId, input.id);
  if (!row) throw new DomainError('CANNED_RESPONSE_NOT_FOUND', `Canned response ${input.id} does not exist.`);
  const ticket = await findTicket(deps.db, ws, input.ticketId);
  if (!ticket) throw new DomainError('TICKET_NOT_FOUND', `Ticket ${input.ticketId} does not exist.`);
  const facts = await loadTicketFacts(deps.db, actor, { ticket, now: deps.clock.now() });
  const locale = requesterLocaleOf(facts);
  const text = renderTemplate(row.bodies, templateContextOf(facts), { locale });
  return { text, html: textToHtml(text), locale };
}
