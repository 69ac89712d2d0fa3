/** SQL of mailboxes: the addresses a workspace receives mail on. */
import type { Kysely, Selectable } from 'kysely';
import type { DB, MailboxesTable } from '../../db/schema.ts';

export type MailboxRow = Selectable<MailboxesTable>;

/** The mailbox (any workspace) receiving at `address`; a `+tag` is ignored. Null when none. */
export async function findMailboxByAddress(db: Kysely<DB>, address: string): Promise<MailboxRow | null> {
  const a = address.trim().toLowerCase().replace(/^<|>$/g, '');
  const base = a.replace(/^([^+@]+)\+[^@]*@/, '$1@');
  const row = await db
    .selectFrom('mailboxes')
    .selectAll()
    .where('address', 'in', [...new Set([a, base])])
    .orderBy('address')
    .executeTakeFirst();
  return row ?? null;
}

export async function findMailbox(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
): Promise<MailboxRow | null> {
  const row = await db
    .selectFrom('mailboxes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/** By id alone, for the inbound webhook whose URL names the mailbox. */
export async function findMailboxById(db: Kysely<DB>, id: string): Promise<MailboxRow | null> {
  const row = await db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
  return row ?? null;
}

export async function listMailboxes(db: Kysely<DB>, workspaceId: string): Promise<MailboxRow[]> {
  return db
    .selectFrom('mailboxes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * The mailbox a ticket's mail goes out from: the one its latest inbound mail arrived on,
 * else the workspace's first mailbox; null when the workspace has none.
 */
export async function mailboxOfTicket(
  db: Kysely<DB>,
  workspaceId: string,
  ticketId: string,
): Promise<MailboxRow | null> {
  const viaInbound = await db
    .selectFrom('inbound_emails as i')
    .innerJoin('mailboxes as m', (j) =>
      j.onRef('m.id', '=', 'i.mailbox_id').onRef('m.workspace_id', '=', 'i.workspace_id'),
    )
    .selectAll('m')
    .where('i.workspace_id', '=', workspaceId)
    .where('i.ticket_id', '=', ticketId)
    .orderBy('i.received_at', 'desc')
    .executeTakeFirst();
  if (viaInbound) return viaInbound;
  const first = await db
    .selectFrom('mailboxes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  return first ?? null;
}
