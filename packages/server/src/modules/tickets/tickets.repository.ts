/** The only code of the tickets module that speaks SQL. */
import type { ListTicketsQuery, MessageDto, TicketDto, TicketSort } from '@switchboard/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { AttachmentsTable, DB, MessagesTable, TicketsTable } from '../../db/schema.ts';

export type TicketRow = Selectable<TicketsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;

const ticketColumns = [
  'id',
  'workspace_id',
  'number',
  'subject',
  'status',
  'priority',
  'priority_rank',
  'type',
  'channel',
  'language',
  'tags',
  'custom_fields',
  'requester_id',
  'organization_id',
  'assignee_id',
  'team_id',
  'parent_id',
  'merged_into_id',
  'follow_up_of_id',
  'version',
  'created_at',
  'updated_at',
  'first_response_at',
  'solved_at',
  'closed_at',
  'last_customer_message_at',
  'last_agent_message_at',
  'deleted_at',
  'status_changed_at',
  'channel_id',
] as const;
/** The name of the ticket's source channel, read with the ticket so a rename shows at once. */
const sourceName = sql<string | null>`(select c.name from channels c
  where c.workspace_id = tickets.workspace_id and c.id = tickets.channel_id)`.as('source_name');
const ticketSelection = [...ticketColumns, sourceName] as const;
export type TicketRecord = Omit<TicketRow, 'search_vector'> & { source_name?: string | null };

export async function findTicket(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<TicketRecord | undefined> {
  let q = db
    .selectFrom('tickets')
    .select(ticketSelection)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * Locks and reads the tickets nobody else holds, without waiting for the others (SKIP
 * LOCKED). Deleted tickets are included: the caller decides what they mean.
 */
export async function lockAvailableTickets(
  db: Kysely<DB>,
  ids: string[],
): Promise<Map<string, TicketRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .select(ticketColumns)
    .where('id', 'in', ids)
    .forUpdate()
    .skipLocked()
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

export async function findTicketByNumber(db: Kysely<DB>, workspaceId: string, n: number) {
  return db
    .selectFrom('tickets')
    .select(ticketSelection)
    .where('workspace_id', '=', workspaceId)
    .where('number', '=', n as never)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function nextTicketNumber(db: Kysely<DB>, sequence: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select nextval(${sequence}::regclass) as n`.execute(db);
  return Number(rows[0]?.n);
}

export type NewTicketRow = Omit<
  TicketRow,
  'priority_rank' | 'version' | 'search_vector' | 'deleted_at' | 'number' | 'channel_id'
> & { number: number; searchTerms: string[]; channel_id?: string | null };

export async function insertTicket(db: Kysely<DB>, t: NewTicketRow): Promise<TicketRecord> {
  const { searchTerms, custom_fields, ...rest } = t;
  return db
    .insertInto('tickets')
    .values({
      ...rest,
      custom_fields: JSON.stringify(custom_fields),
      search_vector: sql<string>`array_to_tsvector(${searchTerms}::text[])`,
    })
    .returning(ticketSelection)
    .executeTakeFirstOrThrow();
}

export type TicketPatch = Partial<
  Pick<
    TicketRow,
    | 'subject'
    | 'status'
    | 'priority'
    | 'type'
    | 'language'
    | 'tags'
    | 'requester_id'
    | 'organization_id'
    | 'assignee_id'
    | 'team_id'
    | 'parent_id'
    | 'merged_into_id'
    | 'updated_at'
    | 'first_response_at'
    | 'solved_at'
    | 'closed_at'
    | 'last_customer_message_at'
    | 'last_agent_message_at'
    | 'deleted_at'
    | 'status_changed_at'
  >
> & { custom_fields?: TicketRow['custom_fields']; addSearchTerms?: string[]; replaceSearchTerms?: string[] };

/** Applies the patch and bumps the version; the caller holds the row lock. */
export async function updateTicket(db: Kysely<DB>, workspaceId: string, id: string, patch: TicketPatch) {
  const { addSearchTerms, replaceSearchTerms, custom_fields, ...columns } = patch;
  return db
    .updateTable('tickets')
    .set({
      ...columns,
      ...(custom_fields ? { custom_fields: JSON.stringify(custom_fields) } : {}),
      ...(replaceSearchTerms
        ? { search_vector: sql<string>`array_to_tsvector(${replaceSearchTerms}::text[])` }
        : addSearchTerms && addSearchTerms.length > 0
          ? { search_vector: sql<string>`search_vector || array_to_tsvector(${addSearchTerms}::text[])` }
          : {}),
      version: sql<number>`version + 1`,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returning(ticketSelection)
    .executeTakeFirstOrThrow();
}

export async function copySearchVector(db: Kysely<DB>, workspaceId: string, fromId: string, toId: string) {
  await sql`update tickets t set search_vector = t.search_vector || s.search_vector
              from tickets s
             where t.workspace_id = ${workspaceId} and t.id = ${toId}
               and s.workspace_id = ${workspaceId} and s.id = ${fromId}`.execute(db);
}

export async function listFollowerIds(
  db: Kysely<DB>,
  workspaceId: string,
  ticketIds: readonly string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(ticketIds.map((id) => [id, []]));
  if (ticketIds.length === 0) return result;
  const rows = await db
    .selectFrom('ticket_followers')
    .select(['ticket_id', 'user_id'])
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', 'in', ticketIds)
    .orderBy('user_id')
    .execute();
  for (const r of rows) result.get(r.ticket_id)?.push(r.user_id);
  return result;
}

export async function replaceFollowers(
  db: Kysely<DB>,
  workspaceId: string,
  ticketId: string,
  userIds: string[],
) {
  await db
    .deleteFrom('ticket_followers')
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('ticket_followers')
    .values(
      [...new Set(userIds)].map((user_id) => ({ workspace_id: workspaceId, ticket_id: ticketId, user_id })),
    )
    .execute();
}

export async function insertMessage(
  db: Kysely<DB>,
  m: Omit<MessageRow, 'metadata'> & { metadata: Record<string, unknown> },
) {
  return db
    .insertInto('messages')
    .values({ ...m, metadata: JSON.stringify(m.metadata) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listMessages(
  db: Kysely<DB>,
  workspaceId: string,
  ticketId: string,
  visibility?: 'public',
) {
  let q = db
    .selectFrom('messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId);
  if (visibility) q = q.where('visibility', '=', visibility);
  return q.orderBy('created_at').orderBy('id').execute();
}

export async function moveMessages(db: Kysely<DB>, workspaceId: string, fromId: string, toId: string) {
  const result = await db
    .updateTable('messages')
    .set({ ticket_id: toId })
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', fromId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listAttachmentsOfMessages(
  db: Kysely<DB>,
  workspaceId: string,
  messageIds: readonly string[],
) {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('message_id', 'in', messageIds)
    .orderBy('created_at')
    .execute();
}

/** Attachments uploaded by the API and not yet on a message become the message's. */
export async function claimAttachments(
  db: Kysely<DB>,
  workspaceId: string,
  messageId: string,
  ids: readonly string[],
) {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('attachments')
    .set({ message_id: messageId })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .where('message_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listChildIds(db: Kysely<DB>, workspaceId: string, parentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('tickets')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('parent_id', '=', parentId)
    .where('deleted_at', 'is', null)
    .orderBy('number')
    .execute();
  return rows.map((r) => r.id);
}

/** Ids from `id` up its parent chain (excluding `id`), to refuse cycles. */
export async function listAncestorIds(db: Kysely<DB>, workspaceId: string, id: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from tickets where workspace_id = ${workspaceId} and id = ${id}
      union all
      select t.id, t.parent_id, up.depth + 1 from tickets t join up on t.id = up.parent_id
       where t.workspace_id = ${workspaceId} and up.depth < 50
    )
    select id from up where id <> ${id}`.execute(db);
  return rows.map((r) => r.id);
}

const sortColumns: Record<
  TicketSort,
  { columns: ('updated_at' | 'created_at' | 'number' | 'priority_rank' | 'id')[]; desc: boolean }
> = {
  updatedAt: { columns: ['updated_at', 'id'], desc: false },
  '-updatedAt': { columns: ['updated_at', 'id'], desc: true },
  createdAt: { columns: ['created_at', 'id'], desc: false },
  '-createdAt': { columns: ['created_at', 'id'], desc: true },
  number: { columns: ['number'], desc: false },
  '-number': { columns: ['number'], desc: true },
  priority: { columns: ['priority_rank', 'updated_at', 'id'], desc: false },
  '-priority': { columns: ['priority_rank', 'updated_at', 'id'], desc: true },
};

type CursorValue = string | number;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): CursorValue[] | null {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(values) || values.length !== length) return null;
    if (!values.every((v) => typeof v === 'string' || typeof v === 'number')) return null;
    return values as CursorValue[];
  } catch {
    return null;
  }
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A ticket cursor starts with its sort: `createdAt` and `-updatedAt` cursors have the same
 * shape, and one used with the other would silently skip or repeat tickets. Each value is
 * checked against its column's type, so a forged cursor is a 422 rather than a SQL error.
 */
function decodeTicketCursor(cursor: string, sort: TicketSort): CursorValue[] | null {
  const { columns } = sortColumns[sort];
  const decoded = decodeCursor(cursor, columns.length + 1);
  if (!decoded || decoded[0] !== sort) return null;
  const values = decoded.slice(1);
  const valid = columns.every((column, i) => {
    const v = values[i];
    if (column.endsWith('_at')) return typeof v === 'string' && isoInstant.test(v);
    if (column === 'id') return typeof v === 'string' && uuid.test(v);
    return Number.isSafeInteger(v);
  });
  return valid ? values : null;
}

function cursorValuesOf(row: TicketRecord, columns: readonly string[]): CursorValue[] {
  return columns.map((c) => {
    const v = row[c as keyof TicketRecord];
    return v instanceof Date ? v.toISOString() : (v as CursorValue);
  });
}

/**
 * One page of tickets in a stable order: keyset pagination on (sort columns…, id), so rows
 * inserted or updated while an agent pages never shift the pages already read.
 * Returns null when the cursor does not belong to this sort.
 */
export async function listTickets(
  db: Kysely<DB>,
  workspaceId: string,
  query: ListTicketsQuery & { tsQuery: string | null },
): Promise<{ rows: TicketRecord[]; nextCursor: string | null } | null> {
  const sort = sortColumns[query.sort];
  let q = db
    .selectFrom('tickets')
    .select(ticketSelection)
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null);
  if (query.status) q = q.where('status', 'in', query.status);
  if (query.priority) q = q.where('priority', 'in', query.priority);
  if (query.channel) q = q.where('channel', 'in', query.channel);
  if (query.assigneeId) {
    q =
      query.assigneeId === 'none'
        ? q.where('assignee_id', 'is', null)
        : q.where('assignee_id', '=', query.assigneeId);
  }
  if (query.teamId)
    q = query.teamId === 'none' ? q.where('team_id', 'is', null) : q.where('team_id', '=', query.teamId);
  if (query.requesterId) q = q.where('requester_id', '=', query.requesterId);
  if (query.organizationId) q = q.where('organization_id', '=', query.organizationId);
  if (query.tags && query.tags.length > 0)
    q = q.where(sql<boolean>`tags @> ${query.tags.map((t) => t.toLowerCase())}::text[]`);
  if (query.createdAfter) q = q.where('created_at', '>=', new Date(query.createdAfter));
  if (query.createdBefore) q = q.where('created_at', '<', new Date(query.createdBefore));
  if (query.updatedAfter) q = q.where('updated_at', '>=', new Date(query.updatedAfter));
  if (query.updatedBefore) q = q.where('updated_at', '<', new Date(query.updatedBefore));
  if (query.tsQuery) q = q.where(sql<boolean>`search_vector @@ ${query.tsQuery}::tsquery`);
  if (query.cursor) {
    const values = decodeTicketCursor(query.cursor, query.sort);
    if (!values) return null;
    const left = sql.join(sort.columns.map((c) => sql.ref(c)));
    const right = sql.join(
      values.map((v, i) => (sort.columns[i]?.endsWith('_at') ? sql`${String(v)}::timestamptz` : sql`${v}`)),
    );
    q = q.where(sort.desc ? sql<boolean>`(${left}) < (${right})` : sql<boolean>`(${left}) > (${right})`);
  }
  for (const c of sort.columns) q = q.orderBy(c, sort.desc ? 'desc' : 'asc');
  const rows = await q.limit(query.limit + 1).execute();
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: hasMore && last ? encodeCursor([query.sort, ...cursorValuesOf(last, sort.columns)]) : null,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toTicketDto(row: TicketRecord, followerIds: string[]): TicketDto {
  return {
    id: row.id,
    number: Number(row.number),
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    type: row.type,
    channel: row.channel,
    language: row.language,
    tags: row.tags,
    customFields: row.custom_fields,
    requesterId: row.requester_id,
    organizationId: row.organization_id,
    assigneeId: row.assignee_id,
    teamId: row.team_id,
    parentId: row.parent_id,
    mergedIntoId: row.merged_into_id,
    followUpOfId: row.follow_up_of_id,
    followerIds,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    firstResponseAt: iso(row.first_response_at),
    solvedAt: iso(row.solved_at),
    closedAt: iso(row.closed_at),
    lastCustomerMessageAt: iso(row.last_customer_message_at),
    lastAgentMessageAt: iso(row.last_agent_message_at),
    source: row.channel_id ? { channelId: row.channel_id, name: row.source_name ?? '' } : null,
  };
}

export function toMessageDto(
  row: MessageRow,
  attachments: AttachmentRow[],
  delivery: MessageDto['delivery'] = null,
): MessageDto {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    originalTicketId: row.original_ticket_id,
    visibility: row.visibility,
    authorType: row.author_type,
    authorId: row.author_id,
    channel: row.channel,
    bodyHtml: row.body_html,
    bodyText: row.body_text,
    metadata: row.metadata,
    attachments: attachments.map(toAttachmentDto),
    createdAt: row.created_at.toISOString(),
    delivery,
  };
}

export function toAttachmentDto(a: AttachmentRow) {
  return {
    id: a.id,
    messageId: a.message_id,
    filename: a.filename,
    contentType: a.content_type,
    sizeBytes: Number(a.size_bytes),
    sha256: a.sha256,
    createdAt: a.created_at.toISOString(),
  };
}
