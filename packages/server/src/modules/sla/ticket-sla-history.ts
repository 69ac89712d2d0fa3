/**
 * A ticket's history as the SLA maths reads it, rebuilt from the event log and the messages:
 * priority and status as set at creation and by every ticket.updated (agents, API and rules
 * alike), and every message with who wrote it. Changes that bypass ticket.updated (a merge
 * closing its source) are caught by comparing with the ticket row itself.
 */
import type { SlaTicketHistory, TicketPriority, TicketStatus } from '@switchboard/core';
import type { Kysely, Selectable } from 'kysely';
import type { DB, EventsTable } from '../../db/schema.ts';
import type { TicketRecord } from '../tickets/tickets.repository.ts';

type Change = { from?: unknown; to?: unknown };

/** The ticket.created event, so policy conditions can read the creation like a creation rule. */
export async function findCreationEvent(
  db: Kysely<DB>,
  ticket: TicketRecord,
): Promise<Selectable<EventsTable> | undefined> {
  return db
    .selectFrom('events')
    .selectAll()
    .where('workspace_id', '=', ticket.workspace_id)
    .where('ticket_id', '=', ticket.id)
    .where('subject_id', '=', ticket.id)
    .where('type', '=', 'ticket.created')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export async function loadSlaHistory(db: Kysely<DB>, ticket: TicketRecord): Promise<SlaTicketHistory> {
  const ws = ticket.workspace_id;
  const events = await db
    .selectFrom('events')
    .select(['type', 'subject_id', 'data', 'created_at'])
    .where('workspace_id', '=', ws)
    .where('ticket_id', '=', ticket.id)
    .where('type', 'in', ['ticket.created', 'ticket.updated'])
    .orderBy('id')
    .execute();
  const messages = await db
    .selectFrom('messages')
    .select(['author_type', 'visibility', 'created_at'])
    .where('workspace_id', '=', ws)
    .where('ticket_id', '=', ticket.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const createdEvent = events.find((e) => e.type === 'ticket.created' && e.subject_id === ticket.id);
  const initial = (createdEvent?.data ?? {}) as { status?: TicketStatus; priority?: TicketPriority };
  const priorityChanges = [{ priority: initial.priority ?? ticket.priority, at: ticket.created_at }];
  const statusChanges = [{ status: initial.status ?? ticket.status, at: ticket.created_at }];
  for (const event of events) {
    if (event.type !== 'ticket.updated') continue;
    const { changes = {} } = event.data as { changes?: Record<string, Change> };
    if (typeof changes.priority?.to === 'string')
      priorityChanges.push({ priority: changes.priority.to as TicketPriority, at: event.created_at });
    if (typeof changes.status?.to === 'string')
      statusChanges.push({ status: changes.status.to as TicketStatus, at: event.created_at });
  }
  if (priorityChanges.at(-1)?.priority !== ticket.priority)
    priorityChanges.push({ priority: ticket.priority, at: ticket.updated_at });
  if (statusChanges.at(-1)?.status !== ticket.status)
    statusChanges.push({ status: ticket.status, at: ticket.status_changed_at });
  return {
    createdAt: ticket.created_at,
    priorityChanges,
    statusChanges,
    messages: messages.map((m) => ({
      author: m.author_type === 'contact' ? 'customer' : m.author_type === 'agent' ? 'agent' : 'system',
      isPublic: m.visibility === 'public',
      at: m.created_at,
    })),
  };
}
