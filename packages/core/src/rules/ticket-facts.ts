/** The ticket part of the facts, from the wire DTO the server already builds. */
import type { TicketDto } from '../schemas/tickets.ts';
import type { TicketFacts } from './rule-facts.ts';

const toMs = (instant: string) => Date.parse(instant);
const toMsOrNull = (instant: string | null) => (instant === null ? null : Date.parse(instant));

/**
 * TicketFacts for a ticket DTO. `statusChangedAt` (RFC 3339) is not on the DTO: the server
 * reads it from the ticket's latest status change (or creation).
 */
export function ticketFactsOf(ticket: TicketDto, statusChangedAt: string): TicketFacts {
  return {
    id: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    type: ticket.type,
    channel: ticket.channel,
    language: ticket.language,
    tags: ticket.tags,
    customFields: ticket.customFields,
    requesterId: ticket.requesterId,
    organizationId: ticket.organizationId,
    assigneeId: ticket.assigneeId,
    teamId: ticket.teamId,
    parentId: ticket.parentId,
    createdAtMs: toMs(ticket.createdAt),
    updatedAtMs: toMs(ticket.updatedAt),
    statusChangedAtMs: toMs(statusChangedAt),
    lastCustomerMessageAtMs: toMsOrNull(ticket.lastCustomerMessageAt),
    lastAgentMessageAtMs: toMsOrNull(ticket.lastAgentMessageAt),
  };
}
