/** SQL of the automation inbox (see migration 0002): claim, read and finish filed events. */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, EventsTable } from '../../db/schema.ts';

export type InboxEntry = {
  inboxId: number;
  workspaceId: string;
  ticketId: string;
  event: Selectable<EventsTable>;
};

/**
 * Claims up to `limit` filed events, oldest first, that no other worker holds, and deletes
 * them; the deletion commits with the caller's transaction (which applies the effects) or
 * rolls back with it, returning the events to the inbox.
 */
export async function claimInboxEntries(trx: Kysely<DB>, limit: number): Promise<InboxEntry[]> {
  const { rows } = await sql<{ inbox_id: number; workspace_id: string; ticket_id: string; event_id: number }>`
    delete from automation_inbox
     where id in (select id from automation_inbox order by id limit ${limit} for update skip locked)
    returning id as inbox_id, workspace_id, ticket_id, event_id`.execute(trx);
  if (rows.length === 0) return [];
  const events = await trx
    .selectFrom('events')
    .selectAll()
    .where(
      'id',
      'in',
      rows.map((r) => String(r.event_id) as never),
    )
    .execute();
  const byId = new Map(events.map((e) => [Number(e.id), e]));
  return rows
    .sort((a, b) => Number(a.inbox_id) - Number(b.inbox_id))
    .flatMap((r) => {
      const event = byId.get(Number(r.event_id));
      return event
        ? [{ inboxId: Number(r.inbox_id), workspaceId: r.workspace_id, ticketId: r.ticket_id, event }]
        : [];
    });
}

export async function countInboxEntries(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('automation_inbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
