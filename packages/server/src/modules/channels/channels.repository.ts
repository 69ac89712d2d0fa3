/** SQL of configured channels, the generic inbound API's dedupe rows and thread map. */
import type { ChannelDto } from '@switchboard/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { ChannelsTable, DB } from '../../db/schema.ts';

export type ChannelRow = Selectable<ChannelsTable>;

export function toChannelDto(row: ChannelRow): ChannelDto {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    settings: row.settings,
    enabled: row.enabled,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function insertChannel(
  db: Kysely<DB>,
  row: Omit<ChannelRow, 'settings'> & { settings: Record<string, unknown> },
): Promise<ChannelRow> {
  return db
    .insertInto('channels')
    .values({ ...row, settings: JSON.stringify(row.settings) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findChannel(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ChannelRow | undefined> {
  let q = db.selectFrom('channels').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listChannels(
  db: Kysely<DB>,
  workspaceId: string,
  filter: { kind?: ChannelRow['kind'] | undefined; enabledOnly?: boolean } = {},
): Promise<ChannelRow[]> {
  let q = db.selectFrom('channels').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.enabledOnly) q = q.where('enabled', '=', true);
  return q.orderBy('created_at').orderBy('id').execute();
}

export async function updateChannelRow(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  patch: { name?: string; settings?: Record<string, unknown>; enabled?: boolean; updated_at: Date },
): Promise<ChannelRow> {
  const { settings, ...rest } = patch;
  return db
    .updateTable('channels')
    .set({ ...rest, ...(settings ? { settings: JSON.stringify(settings) } : {}) })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function isChannelInUse(db: Kysely<DB>, workspaceId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('tickets')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteChannelRow(db: Kysely<DB>, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('channels').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** Serialises work on one external key (a thread, a call id) across transactions and instances. */
export async function lockExternalKey(db: Kysely<DB>, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(db);
}

export type InboundRecord = {
  ticketId: string | null;
  messageId: string | null;
  createdTicket: boolean;
};

/**
 * Claims an external message id. Returns null when this transaction claimed it, or the first
 * result when it was already claimed: a concurrent claim waits on the primary key until the
 * first transaction commits (then sees its row) or rolls back (then claims it itself).
 */
export async function claimInboundMessage(
  db: Kysely<DB>,
  row: { workspaceId: string; channelId: string; externalMessageId: string; at: Date },
): Promise<InboundRecord | null> {
  const inserted = await db
    .insertInto('channel_inbound_messages')
    .values({
      workspace_id: row.workspaceId,
      channel_id: row.channelId,
      external_message_id: row.externalMessageId,
      created_at: row.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('external_message_id')
    .executeTakeFirst();
  if (inserted) return null;
  const existing = await db
    .selectFrom('channel_inbound_messages')
    .select(['ticket_id', 'message_id', 'created_ticket'])
    .where('workspace_id', '=', row.workspaceId)
    .where('channel_id', '=', row.channelId)
    .where('external_message_id', '=', row.externalMessageId)
    .executeTakeFirstOrThrow();
  return {
    ticketId: existing.ticket_id,
    messageId: existing.message_id,
    createdTicket: existing.created_ticket,
  };
}

export async function completeInboundMessage(
  db: Kysely<DB>,
  row: {
    workspaceId: string;
    channelId: string;
    externalMessageId: string;
    ticketId: string;
    messageId: string;
    createdTicket: boolean;
  },
): Promise<void> {
  await db
    .updateTable('channel_inbound_messages')
    .set({ ticket_id: row.ticketId, message_id: row.messageId, created_ticket: row.createdTicket })
    .where('workspace_id', '=', row.workspaceId)
    .where('channel_id', '=', row.channelId)
    .where('external_message_id', '=', row.externalMessageId)
    .execute();
}

export async function findThreadTicketId(
  db: Kysely<DB>,
  workspaceId: string,
  channelId: string,
  externalThreadId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('channel_threads')
    .select('ticket_id')
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', channelId)
    .where('external_thread_id', '=', externalThreadId)
    .executeTakeFirst();
  return row?.ticket_id;
}

export async function saveThread(
  db: Kysely<DB>,
  row: { workspaceId: string; channelId: string; externalThreadId: string; ticketId: string; at: Date },
): Promise<void> {
  await db
    .insertInto('channel_threads')
    .values({
      workspace_id: row.workspaceId,
      channel_id: row.channelId,
      external_thread_id: row.externalThreadId,
      ticket_id: row.ticketId,
      updated_at: row.at,
    })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'channel_id', 'external_thread_id'])
        .doUpdateSet({ ticket_id: row.ticketId, updated_at: row.at }),
    )
    .execute();
}
