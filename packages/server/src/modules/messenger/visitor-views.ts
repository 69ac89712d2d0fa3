/**
 * What a visitor may read, shaped for the widget. Only public messages ever leave here, and
 * an agent shows by name only: no ids, emails or internal fields of the helpdesk.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { listAttachmentsOfMessages } from '../tickets/tickets.repository.ts';
import {
  clientIdsOfMessages,
  findConversationTicket,
  listPublicMessages,
  listReadStates,
} from './messenger.repository.ts';
import type { ConversationDto, VisitorMessageDto } from './messenger.schemas.ts';

const authorTypes = { contact: 'visitor', agent: 'agent', bot: 'bot', system: 'system' } as const;

export async function loadVisitorMessages(
  db: Kysely<DB>,
  workspaceId: string,
  ticketId: string,
  onlyMessageId?: string,
): Promise<VisitorMessageDto[]> {
  const rows = await listPublicMessages(db, workspaceId, ticketId, onlyMessageId);
  const ids = rows.map((r) => r.id);
  const [attachments, clientIds] = await Promise.all([
    listAttachmentsOfMessages(db, workspaceId, ids),
    clientIdsOfMessages(db, workspaceId, ids),
  ]);
  return rows.map((r) => ({
    id: r.id,
    conversationId: r.ticket_id,
    clientMessageId: clientIds.get(r.id) ?? null,
    author: {
      type: authorTypes[r.author_type],
      name: r.author_type === 'agent' ? (r.agent_name?.split(' ')[0] ?? null) : null,
    },
    bodyText: r.body_text,
    attachments: attachments
      .filter((a) => a.message_id === r.id)
      .map((a) => ({
        id: a.id,
        filename: a.filename,
        contentType: a.content_type,
        sizeBytes: Number(a.size_bytes),
      })),
    createdAt: r.created_at.toISOString(),
  }));
}

export async function loadConversation(
  db: Kysely<DB>,
  workspaceId: string,
  ticketId: string,
): Promise<ConversationDto | null> {
  const ticket = await findConversationTicket(db, workspaceId, ticketId);
  if (!ticket) return null;
  const reads = await listReadStates(db, workspaceId, ticketId);
  const readOf = (side: 'visitor' | 'agent') =>
    reads.find((r) => r.side === side)?.last_read_message_id ?? null;
  return {
    id: ticket.id,
    number: Number(ticket.number),
    subject: ticket.subject,
    status: ticket.status,
    createdAt: ticket.created_at.toISOString(),
    updatedAt: ticket.updated_at.toISOString(),
    read: { visitor: readOf('visitor'), agent: readOf('agent') },
  };
}
