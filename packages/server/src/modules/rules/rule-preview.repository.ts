/**
 * SQL for rule preview: which past tickets to evaluate and the event each one is seen
 * through, loaded a chunk of tickets at a time (one query for the tickets, one for their
 * events) rather than two round trips per ticket.
 */
import type { RuleEventType } from '@switchboard/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, EventsTable } from '../../db/schema.ts';
import type { TicketRecord } from '../tickets/tickets.repository.ts';

/** Ids of live tickets, newest first. */
export async function listPreviewTicketIds(
  db: Kysely<DB>,
  workspaceId: string,
  filter: { limit: number; since?: string | undefined; ticketIds?: readonly string[] | undefined },
): Promise<string[]> {
  let q = db
    .selectFrom('tickets')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null);
  if (filter.since) q = q.where('created_at', '>=', new Date(filter.since));
  if (filter.ticketIds) q = q.where('id', 'in', filter.ticketIds);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map((row) => row.id);
}

/** The tickets named, in the order named. */
export async function findTickets(db: Kysely<DB>, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('tickets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
  const byId = new Map(
    rows.map(({ search_vector: _, ...ticket }): [string, TicketRecord] => [ticket.id, ticket]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Each ticket's latest event among `types`. The first message of a ticket belongs to its
 * ticket.created event, as the engine sees it, so it is no message.added of its own.
 */
export async function findLatestTicketEvents(
  db: Kysely<DB>,
  workspaceId: string,
  ticketIds: readonly string[],
  types: readonly RuleEventType[],
): Promise<Map<string, Selectable<EventsTable>>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .distinctOn('ticket_id')
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', 'in', ticketIds)
    .where('type', 'in', types)
    .where(sql<boolean>`not (type = 'message.added' and data @> '{"initial": true}'::jsonb)`)
    .orderBy('ticket_id')
    .orderBy('id', 'desc')
    .execute();
  return new Map(rows.map((row) => [row.ticket_id ?? '', row]));
}
