/** SQL of inbound_emails and email_message_ids. */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, InboundEmailsTable } from '../../db/schema.ts';

export type InboundEmailRow = Selectable<InboundEmailsTable>;
export type InboundStatus = InboundEmailsTable['status'];

export type NewInboundEmail = {
  id: string;
  workspace_id: string;
  mailbox_id: string | null;
  source: InboundEmailsTable['source'];
  message_id_header: string;
  from_address: string | null;
  subject: string;
  recipients: string[];
  raw_sha256: string;
  raw_size_bytes: number;
  classification: InboundEmailsTable['classification'];
  status: InboundStatus;
  reason: string | null;
  error: string | null;
  ticket_id: string | null;
  message_id: string | null;
  received_at: Date;
  processed_at: Date | null;
};

/** The first delivery of a Message-ID (not a duplicate row), if any. */
export async function findFirstDelivery(
  db: Kysely<DB>,
  workspaceId: string,
  messageIdHeader: string,
): Promise<InboundEmailRow | null> {
  const row = await db
    .selectFrom('inbound_emails')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('message_id_header', '=', messageIdHeader)
    .where('status', '<>', 'duplicate')
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Inserts the first delivery of a Message-ID. Under a concurrent delivery of the same id the
 * unique index makes this wait for the other transaction; null means it committed first.
 */
export async function claimFirstDelivery(db: Kysely<DB>, row: NewInboundEmail): Promise<boolean> {
  const inserted = await db
    .insertInto('inbound_emails')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'message_id_header'])
        // A literal, not a bound parameter: the planner must match it to the partial index.
        .where(sql<boolean>`status <> 'duplicate'`)
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function insertInboundEmail(db: Kysely<DB>, row: NewInboundEmail): Promise<void> {
  await db.insertInto('inbound_emails').values(row).execute();
}

export async function findInboundEmail(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<InboundEmailRow | null> {
  let q = db
    .selectFrom('inbound_emails')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return (await q.executeTakeFirst()) ?? null;
}

export async function updateInboundEmail(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  patch: Partial<
    Pick<
      NewInboundEmail,
      | 'classification'
      | 'status'
      | 'reason'
      | 'error'
      | 'ticket_id'
      | 'message_id'
      | 'processed_at'
      | 'mailbox_id'
      | 'from_address'
      | 'subject'
      | 'message_id_header'
    >
  > & { attempts?: number },
): Promise<void> {
  await db
    .updateTable('inbound_emails')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Mails from one address counted for the loop guard (duplicates do not count). */
export async function countRecentFromSender(
  db: Kysely<DB>,
  workspaceId: string,
  fromAddress: string,
  since: Date,
  exceptId: string,
): Promise<number> {
  const row = await db
    .selectFrom('inbound_emails')
    .select(sql<string>`count(*)`.as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('from_address', '=', fromAddress)
    .where('received_at', '>', since)
    .where('status', '<>', 'duplicate')
    .where('id', '<>', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type InboundPage = { rows: InboundEmailRow[]; nextCursor: string | null };

export async function listInboundEmails(
  db: Kysely<DB>,
  workspaceId: string,
  query: { status?: InboundStatus | undefined; limit: number; cursor?: string | undefined },
): Promise<InboundPage | null> {
  let q = db.selectFrom('inbound_emails').selectAll().where('workspace_id', '=', workspaceId);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.cursor) {
    const [at, id] = Buffer.from(query.cursor, 'base64url').toString('utf8').split('|');
    if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) return null;
    q = q.where((eb) =>
      eb.or([
        eb('received_at', '<', new Date(at)),
        eb.and([eb('received_at', '=', new Date(at)), eb('id', '<', id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor:
      more && last ? Buffer.from(`${last.received_at.toISOString()}|${last.id}`).toString('base64url') : null,
  };
}

/** Our ticket for any of the given Message-IDs, most relevant first (the caller's order). */
export async function findTicketIdByMessageIds(
  db: Kysely<DB>,
  workspaceId: string,
  ids: readonly string[],
): Promise<string | null> {
  if (ids.length === 0) return null;
  const rows = await db
    .selectFrom('email_message_ids')
    .select(['message_id_header', 'ticket_id'])
    .where('workspace_id', '=', workspaceId)
    .where('message_id_header', 'in', [...new Set(ids)])
    .execute();
  const byId = new Map(rows.map((r) => [r.message_id_header, r.ticket_id]));
  for (const id of ids) {
    const ticketId = byId.get(id);
    if (ticketId) return ticketId;
  }
  return null;
}

export async function recordMessageId(
  db: Kysely<DB>,
  row: {
    workspaceId: string;
    messageIdHeader: string;
    ticketId: string;
    messageId: string | null;
    direction: 'in' | 'out';
  },
): Promise<void> {
  await db
    .insertInto('email_message_ids')
    .values({
      workspace_id: row.workspaceId,
      message_id_header: row.messageIdHeader,
      ticket_id: row.ticketId,
      message_id: row.messageId,
      direction: row.direction,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'message_id_header']).doNothing())
    .execute();
}

/** Whether `fromAddress` already wrote into the ticket by email (a known participant). */
export async function senderWroteToTicket(
  db: Kysely<DB>,
  workspaceId: string,
  ticketId: string,
  fromAddress: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('inbound_emails')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .where('from_address', '=', fromAddress)
    .where('status', '=', 'stored')
    .executeTakeFirst();
  return row !== undefined;
}

/** The inbound mail a message was created from, for downloading the original. */
export async function findInboundOfMessage(
  db: Kysely<DB>,
  workspaceId: string,
  messageId: string,
): Promise<InboundEmailRow | null> {
  const row = await db
    .selectFrom('inbound_emails')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('message_id', '=', messageId)
    .where('status', '=', 'stored')
    .executeTakeFirst();
  return row ?? null;
}
