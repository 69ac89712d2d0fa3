/**
 * Reading the notification outbox. Rules and alerts write it (effects); the email channel
 * will send it. Pages are newest first, keyset on (created_at, id).
 */
import type { NotificationDto } from '@switchboard/core';
import type { Kysely, Selectable } from 'kysely';
import type { DB, NotificationsTable } from '../../db/schema.ts';
import { newestFirstPage, olderThanCursor } from '../webhooks/newest-first-cursor.ts';

export type NotificationRow = Selectable<NotificationsTable>;

export function toNotificationDto(row: NotificationRow): NotificationDto {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    recipientKind: row.recipient_kind,
    recipientId: row.recipient_id,
    recipientAddress: row.recipient_address,
    subject: row.subject,
    bodyText: row.body_text,
    bodyHtml: row.body_html,
    status: row.status,
    error: row.error,
    cause: row.cause,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at ? row.sent_at.toISOString() : null,
  };
}

export type NotificationFilter = {
  status?: NotificationRow['status'] | undefined;
  ticketId?: string | undefined;
  recipientKind?: NotificationRow['recipient_kind'] | undefined;
  /** Only what is addressed to this agent, directly or as a member of a team. */
  addressedToUserId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
};

/** Returns null when the cursor is not one of ours. */
export async function listNotifications(
  db: Kysely<DB>,
  workspaceId: string,
  f: NotificationFilter,
): Promise<{ rows: NotificationRow[]; nextCursor: string | null } | null> {
  let q = db.selectFrom('notifications').selectAll().where('workspace_id', '=', workspaceId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.ticketId) q = q.where('ticket_id', '=', f.ticketId);
  if (f.recipientKind) q = q.where('recipient_kind', '=', f.recipientKind);
  // Notifications to agents and to a team's members are filed one per person, with the
  // person as recipient_id (see notify-effect.ts).
  if (f.addressedToUserId)
    q = q.where('recipient_kind', 'in', ['agent', 'team']).where('recipient_id', '=', f.addressedToUserId);
  if (f.cursor) {
    const after = olderThanCursor(f.cursor);
    if (!after) return null;
    q = q.where(after);
  }
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
  return newestFirstPage(rows, f.limit);
}
