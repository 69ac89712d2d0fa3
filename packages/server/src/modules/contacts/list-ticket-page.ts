/**
 * One page of a contact's or an organisation's tickets, newest first, through the same
 * keyset pagination as GET /tickets.
 */
import { DomainError, type TicketDto } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { listFollowerIds, listTickets, toTicketDto } from '../tickets/tickets.repository.ts';

export function invalidCursor(): DomainError {
  return new DomainError('VALIDATION_FAILED', 'The cursor does not belong to this list.', {
    errors: [{ pointer: '', message: 'invalid cursor for this list' }],
  });
}

export async function listTicketPage(
  db: Kysely<DB>,
  workspaceId: string,
  filter: { requesterId?: string; organizationId?: string; limit: number; cursor?: string | undefined },
): Promise<{ data: TicketDto[]; nextCursor: string | null }> {
  const page = await listTickets(db, workspaceId, { ...filter, sort: '-createdAt', tsQuery: null });
  if (!page) throw invalidCursor();
  const followers = await listFollowerIds(
    db,
    workspaceId,
    page.rows.map((t) => t.id),
  );
  return {
    data: page.rows.map((t) => toTicketDto(t, followers.get(t.id) ?? [])),
    nextCursor: page.nextCursor,
  };
}
