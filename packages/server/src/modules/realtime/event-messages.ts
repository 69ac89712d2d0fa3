/**
 * Announced events → topic messages. One batch of announcements costs at most four
 * queries (events, tickets, messages, author names), whatever its size.
 *
 * Agent topics (`ws:<workspaceId>`, `ticket:<ticketId>`) get every ticket event with the
 * ticket's summary (number, subject, status, priority, assignee, team) and, for a message,
 * its visibility, author and a short preview. The visitor topic (`conversation:<ticketId>`)
 * gets PUBLIC messages only, with their body, and status changes: internal notes never
 * leave the agent side.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RealtimePayload } from '../../platform/realtime-bus.ts';

/** What the trigger announces: workspace, event id, ticket, event type. */
export type Announcement = { w: string; e: number; t: string; y: string };

export type TopicMessage = { topic: string; payload: RealtimePayload };

const PREVIEW_CHARS = 200;

export async function loadEventMessages(db: Kysely<DB>, batch: Announcement[]): Promise<TopicMessage[]> {
  const ids = [...new Set(batch.map((a) => a.e))];
  const rows = await db
    .selectFrom('events')
    .select([
      'id',
      'workspace_id',
      'ticket_id',
      'type',
      'actor_type',
      'actor_id',
      'user_id',
      'via',
      'data',
      'created_at',
    ])
    .where('id', 'in', ids.map(String))
    .execute();
  // The channel is database-wide: announcements from another schema (or database user)
  // carry ids that mean something else here. Keep the rows that match what was announced.
  const position = new Map(batch.map((a, i) => [a.e, i]));
  const announced = new Set(batch.map((a) => `${a.e}|${a.w}|${a.t}`));
  const events = rows
    .filter((r) => r.ticket_id !== null && announced.has(`${Number(r.id)}|${r.workspace_id}|${r.ticket_id}`))
    .sort((a, b) => (position.get(Number(a.id)) ?? 0) - (position.get(Number(b.id)) ?? 0));
  if (events.length === 0) return [];

  const ticketIds = [...new Set(events.map((e) => e.ticket_id as string))];
  const tickets = await db
    .selectFrom('tickets')
    .select([
      'id',
      'workspace_id',
      'number',
      'subject',
      'status',
      'priority',
      'assignee_id',
      'team_id',
      'updated_at',
      'deleted_at',
    ])
    .where('id', 'in', ticketIds)
    .execute();
  const ticketById = new Map(tickets.map((t) => [t.id, t]));

  const messageIds = events
    .filter((e) => e.type === 'message.added' && typeof e.data.messageId === 'string')
    .map((e) => e.data.messageId as string);
  const messages =
    messageIds.length === 0
      ? []
      : await db
          .selectFrom('messages')
          .select([
            'id',
            'workspace_id',
            'ticket_id',
            'visibility',
            'author_type',
            'author_id',
            'channel',
            'body_text',
            'body_html',
            'created_at',
          ])
          .where('id', 'in', messageIds)
          .execute();
  const messageById = new Map(messages.map((m) => [m.id, m]));
  const names = await loadAuthorNames(db, messages);

  const out: TopicMessage[] = [];
  for (const event of events) {
    const ticketId = event.ticket_id as string;
    const ticket = ticketById.get(ticketId);
    const summary = ticket
      ? {
          id: ticket.id,
          number: ticket.number,
          subject: ticket.subject,
          status: ticket.status,
          priority: ticket.priority,
          assigneeId: ticket.assignee_id,
          teamId: ticket.team_id,
          updatedAt: ticket.updated_at.toISOString(),
          deleted: ticket.deleted_at !== null,
        }
      : null;
    const message =
      event.type === 'message.added' ? messageById.get(event.data.messageId as string) : undefined;
    const authorName = message ? (names.get(`${message.author_type}:${message.author_id}`) ?? null) : null;
    const agentPayload: RealtimePayload = {
      type: event.type,
      eventId: Number(event.id),
      workspaceId: event.workspace_id,
      ticketId,
      at: event.created_at.toISOString(),
      actor: { type: event.actor_type, id: event.actor_id, userId: event.user_id, via: event.via },
      data: event.data,
      ticket: summary,
      ...(message
        ? {
            message: {
              id: message.id,
              visibility: message.visibility,
              authorType: message.author_type,
              authorId: message.author_id,
              authorName,
              channel: message.channel,
              preview: message.body_text.slice(0, PREVIEW_CHARS),
              createdAt: message.created_at.toISOString(),
            },
          }
        : {}),
    };
    out.push({ topic: `ws:${event.workspace_id}`, payload: agentPayload });
    out.push({ topic: `ticket:${ticketId}`, payload: agentPayload });

    if (message && message.visibility === 'public') {
      out.push({
        topic: `conversation:${ticketId}`,
        payload: {
          type: 'message.added',
          ticketId,
          message: {
            id: message.id,
            authorType: message.author_type,
            authorName,
            channel: message.channel,
            bodyText: message.body_text,
            bodyHtml: message.body_html,
            createdAt: message.created_at.toISOString(),
          },
        },
      });
    }
    const changes = event.type === 'ticket.updated' ? (event.data.changes as Record<string, unknown>) : null;
    if (changes && 'status' in changes && summary) {
      out.push({
        topic: `conversation:${ticketId}`,
        payload: { type: 'ticket.status', ticketId, status: summary.status },
      });
    }
  }
  return out;
}

async function loadAuthorNames(
  db: Kysely<DB>,
  messages: { workspace_id: string; author_type: string; author_id: string | null }[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const agentIds = [
    ...new Set(
      messages.filter((m) => m.author_type === 'agent' && m.author_id).map((m) => m.author_id as string),
    ),
  ];
  const contactIds = [
    ...new Set(
      messages.filter((m) => m.author_type === 'contact' && m.author_id).map((m) => m.author_id as string),
    ),
  ];
  if (agentIds.length > 0) {
    for (const u of await db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', agentIds)
      .execute()) {
      names.set(`agent:${u.id}`, u.name);
    }
  }
  if (contactIds.length > 0) {
    for (const c of await db
      .selectFrom('contacts')
      .select(['id', 'name'])
      .where('id', 'in', contactIds)
      .execute()) {
      names.set(`contact:${c.id}`, c.name);
    }
  }
  return names;
}
