/** Ticket and message reads the channels need beyond the tickets module's own queries. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The first message of a ticket just created (createTicket returns the ticket only). */
export async function findFirstMessageId(
  db: Kysely<DB>,
  workspaceId: string,
  ticketId: string,
): Promise<string> {
  const row = await db
    .selectFrom('messages')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The customer's most recently updated open ticket, if any. */
export async function findLatestOpenTicketId(
  db: Kysely<DB>,
  workspaceId: string,
  requesterId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('tickets')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('requester_id', '=', requesterId)
    .where('status', 'in', ['new', 'open', 'pending', 'on_hold'])
    .where('deleted_at', 'is', null)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}
