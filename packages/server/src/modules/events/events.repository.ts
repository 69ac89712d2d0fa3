/**
 * The append-only event log. `appendEvent` must be called with the transaction handle of
 * the change it records, so the change and its event commit or vanish together.
 */
import type { EventDto } from '@switchboard/core';
import type { Kysely, Selectable } from 'kysely';
import type { DB, EventsTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';

export type NewEvent = {
  subjectType:
    | 'ticket'
    | 'contact'
    | 'organization'
    | 'user'
    | 'team'
    | 'api_token'
    | 'custom_field'
    | 'workspace'
    | 'attachment'
    | 'rule'
    | 'rule_set'
    | 'canned_response'
    | 'macro'
    | 'sla_policy'
    | 'calendar'
    | 'webhook'
    | 'job'
    | 'channel'
    | 'mailbox';
  subjectId: string;
  ticketId?: string | null;
  type: string;
  data?: Record<string, unknown>;
};

export async function appendEvents(
  db: Kysely<DB>,
  actor: Actor,
  at: Date,
  events: NewEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('events')
    .values(
      events.map((e) => ({
        workspace_id: actor.workspaceId,
        subject_type: e.subjectType,
        subject_id: e.subjectId,
        ticket_id: e.ticketId ?? (e.subjectType === 'ticket' ? e.subjectId : null),
        type: e.type,
        actor_type: actor.type,
        actor_id: actor.id,
        user_id: actor.userId,
        via: actor.via,
        data: JSON.stringify(e.data ?? {}),
        cascade: actor.cascade ? JSON.stringify(actor.cascade) : null,
        created_at: at,
      })),
    )
    .execute();
}

export function toEventDto(row: Selectable<EventsTable>): EventDto {
  return {
    id: String(row.id),
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    ticketId: row.ticket_id,
    type: row.type,
    actorType: row.actor_type,
    actorId: row.actor_id,
    via: row.via,
    data: row.data,
    createdAt: row.created_at.toISOString(),
  };
}

export type EventFilter = {
  ticketId?: string;
  subjectType?: string;
  subjectId?: string;
  type?: string;
  actorType?: string;
  userId?: string;
  afterId?: number;
  limit: number;
};

/** Events in id order (oldest first) after `afterId`: cursor paging that never skips or repeats. */
export async function listEvents(db: Kysely<DB>, workspaceId: string, f: EventFilter) {
  let q = db.selectFrom('events').selectAll().where('workspace_id', '=', workspaceId);
  if (f.ticketId) q = q.where('ticket_id', '=', f.ticketId);
  if (f.subjectType) q = q.where('subject_type', '=', f.subjectType);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  if (f.type) q = q.where('type', '=', f.type);
  if (f.actorType) q = q.where('actor_type', '=', f.actorType as EventsTable['actor_type']);
  if (f.userId) q = q.where('user_id', '=', f.userId);
  if (f.afterId !== undefined) q = q.where('id', '>', String(f.afterId) as never);
  return q.orderBy('id', 'asc').limit(f.limit).execute();
}
