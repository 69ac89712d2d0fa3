/** SQL of the messenger: settings, visitors, their conversations, client message keys, read state. */
import type { Kysely, Selectable } from 'kysely';
import type {
  DB,
  MessengerReadStatesTable,
  MessengerSettingsTable,
  MessengerVisitorsTable,
} from '../../db/schema.ts';

export type MessengerSettingsRow = Selectable<MessengerSettingsTable>;
export type VisitorRow = Selectable<MessengerVisitorsTable>;
export type ReadStateRow = Selectable<MessengerReadStatesTable>;

export async function findSettings(
  db: Kysely<DB>,
  workspaceId: string,
): Promise<MessengerSettingsRow | undefined> {
  return db
    .selectFrom('messenger_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

export async function findSettingsByKey(
  db: Kysely<DB>,
  workspaceKey: string,
): Promise<MessengerSettingsRow | undefined> {
  return db
    .selectFrom('messenger_settings')
    .selectAll()
    .where('workspace_key', '=', workspaceKey)
    .executeTakeFirst();
}

/** Creates the workspace's row with defaults unless it exists; returns the row either way. */
export async function ensureSettings(
  db: Kysely<DB>,
  workspaceId: string,
  workspaceKey: string,
): Promise<MessengerSettingsRow> {
  await db
    .insertInto('messenger_settings')
    .values({ workspace_id: workspaceId, workspace_key: workspaceKey })
    .onConflict((oc) => oc.column('workspace_id').doNothing())
    .execute();
  return db
    .selectFrom('messenger_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
}

export type SettingsPatch = Partial<
  Omit<MessengerSettingsRow, 'workspace_id' | 'workspace_key' | 'updated_at'>
> & { updated_at: Date };

export async function updateSettings(
  db: Kysely<DB>,
  workspaceId: string,
  patch: SettingsPatch,
): Promise<MessengerSettingsRow> {
  return db
    .updateTable('messenger_settings')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertVisitor(db: Kysely<DB>, row: VisitorRow): Promise<VisitorRow> {
  return db.insertInto('messenger_visitors').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findVisitorByTokenHash(
  db: Kysely<DB>,
  tokenHash: string,
): Promise<VisitorRow | undefined> {
  return db
    .selectFrom('messenger_visitors')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function updateVisitor(
  db: Kysely<DB>,
  visitor: Pick<VisitorRow, 'workspace_id' | 'id'>,
  patch: Partial<Pick<VisitorRow, 'contact_id' | 'name' | 'email' | 'last_seen_at' | 'language'>>,
): Promise<void> {
  await db
    .updateTable('messenger_visitors')
    .set(patch)
    .where('workspace_id', '=', visitor.workspace_id)
    .where('id', '=', visitor.id)
    .execute();
}

/** The contact an earlier session of the same identified user already uses, if any. */
export async function findContactOfUser(
  db: Kysely<DB>,
  workspaceId: string,
  externalUserId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('messenger_visitors')
    .select('contact_id')
    .where('workspace_id', '=', workspaceId)
    .where('external_user_id', '=', externalUserId)
    .where('contact_id', 'is not', null)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.contact_id ?? null;
}

export async function insertConversation(
  db: Kysely<DB>,
  row: {
    workspace_id: string;
    ticket_id: string;
    visitor_id: string;
    external_user_id: string | null;
    created_at: Date;
  },
): Promise<void> {
  await db.insertInto('messenger_conversations').values(row).execute();
}

/** Which tickets the visitor may see: its own, or, for an identified user, every session's. */
function ownedConversations(db: Kysely<DB>, visitor: VisitorRow) {
  const q = db.selectFrom('messenger_conversations as c').where('c.workspace_id', '=', visitor.workspace_id);
  return visitor.external_user_id
    ? q.where('c.external_user_id', '=', visitor.external_user_id)
    : q.where('c.visitor_id', '=', visitor.id);
}

export async function isConversationOfVisitor(
  db: Kysely<DB>,
  visitor: VisitorRow,
  ticketId: string,
): Promise<boolean> {
  const row = await ownedConversations(db, visitor)
    .innerJoin('tickets as t', (j) =>
      j.onRef('t.workspace_id', '=', 'c.workspace_id').onRef('t.id', '=', 'c.ticket_id'),
    )
    .where('c.ticket_id', '=', ticketId)
    .where('t.deleted_at', 'is', null)
    .select('c.ticket_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function listConversationsOfVisitor(db: Kysely<DB>, visitor: VisitorRow, limit: number) {
  return ownedConversations(db, visitor)
    .innerJoin('tickets as t', (j) =>
      j.onRef('t.workspace_id', '=', 'c.workspace_id').onRef('t.id', '=', 'c.ticket_id'),
    )
    .where('t.deleted_at', 'is', null)
    .select(['t.id', 't.number', 't.subject', 't.status', 't.created_at', 't.updated_at'])
    .orderBy('t.updated_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit)
    .execute();
}

export async function findConversationTicket(db: Kysely<DB>, workspaceId: string, ticketId: string) {
  return db
    .selectFrom('tickets')
    .select(['id', 'number', 'subject', 'status', 'created_at', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', ticketId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Claims a client message key. Returns null when this call claimed it (go on and write the
 * message), or the earlier claim (its message, once that transaction committed).
 */
export async function claimClientMessage(
  db: Kysely<DB>,
  key: { workspace_id: string; visitor_id: string; client_message_id: string; created_at: Date },
): Promise<{ ticket_id: string | null; message_id: string | null } | null> {
  const inserted = await db
    .insertInto('messenger_client_messages')
    .values({ ...key, ticket_id: null, message_id: null })
    .onConflict((oc) => oc.columns(['workspace_id', 'visitor_id', 'client_message_id']).doNothing())
    .returning('client_message_id')
    .executeTakeFirst();
  if (inserted) return null;
  return db
    .selectFrom('messenger_client_messages')
    .select(['ticket_id', 'message_id'])
    .where('workspace_id', '=', key.workspace_id)
    .where('visitor_id', '=', key.visitor_id)
    .where('client_message_id', '=', key.client_message_id)
    .executeTakeFirstOrThrow();
}

export async function completeClientMessage(
  db: Kysely<DB>,
  key: { workspace_id: string; visitor_id: string; client_message_id: string },
  result: { ticket_id: string; message_id: string },
): Promise<void> {
  await db
    .updateTable('messenger_client_messages')
    .set(result)
    .where('workspace_id', '=', key.workspace_id)
    .where('visitor_id', '=', key.visitor_id)
    .where('client_message_id', '=', key.client_message_id)
    .execute();
}

/** client_message_id by message id, so the widget can match its optimistic copies. */
export async function clientIdsOfMessages(
  db: Kysely<DB>,
  workspaceId: string,
  messageIds: readonly string[],
): Promise<Map<string, string>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('messenger_client_messages')
    .select(['message_id', 'client_message_id'])
    .where('workspace_id', '=', workspaceId)
    .where('message_id', 'in', messageIds)
    .execute();
  return new Map(rows.map((r) => [r.message_id ?? '', r.client_message_id]));
}

/** Public messages of a ticket with the agent's name where an agent wrote. */
export async function listPublicMessages(
  db: Kysely<DB>,
  workspaceId: string,
  ticketId: string,
  onlyId?: string,
) {
  let q = db
    .selectFrom('messages as m')
    .leftJoin('users as u', (j) =>
      j.onRef('u.workspace_id', '=', 'm.workspace_id').onRef('u.id', '=', 'm.author_id'),
    )
    .select([
      'm.id',
      'm.ticket_id',
      'm.author_type',
      'm.body_text',
      'm.body_html',
      'm.created_at',
      'u.name as agent_name',
    ])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.ticket_id', '=', ticketId)
    .where('m.visibility', '=', 'public');
  if (onlyId) q = q.where('m.id', '=', onlyId);
  return q.orderBy('m.created_at').orderBy('m.id').execute();
}

export async function upsertReadState(db: Kysely<DB>, row: ReadStateRow): Promise<void> {
  await db
    .insertInto('messenger_read_states')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'ticket_id', 'side']).doUpdateSet({
        last_read_message_id: row.last_read_message_id,
        read_at: row.read_at,
      }),
    )
    .execute();
}

export async function listReadStates(
  db: Kysely<DB>,
  workspaceId: string,
  ticketId: string,
): Promise<ReadStateRow[]> {
  return db
    .selectFrom('messenger_read_states')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .execute();
}

export async function isPublicMessageOf(
  db: Kysely<DB>,
  workspaceId: string,
  ticketId: string,
  messageId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('messages')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .where('id', '=', messageId)
    .where('visibility', '=', 'public')
    .executeTakeFirst();
  return row !== undefined;
}
