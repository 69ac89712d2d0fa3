/**
 * Adds a public reply or internal note to a ticket. A customer's message reopens a pending
 * or solved ticket, except a plain thank-you on a solved one; an agent's first public reply opens a new one and stamps the first
 * response time. The message, the ticket's new state and their events commit together.
 */
import {
  type CreateMessageInput,
  DomainError,
  indexTerms,
  type MessageDto,
  searchableText,
  validationError,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { messageBodies } from '../../../platform/html.ts';
import { queueMessageEmail } from '../../email/outbound/queue-outbound-email.ts';
import { appendEvents, type NewEvent } from '../../events/events.repository.ts';
import { detectThanksOnSolved } from '../../signals/detect-thanks-on-solved.ts';
import {
  claimAttachments,
  insertMessage,
  listAttachmentsOfMessages,
  type TicketPatch,
  type TicketRecord,
  toMessageDto,
  updateTicket,
} from '../tickets.repository.ts';
import { lockTicket, statusTimestamps } from './update-ticket.ts';

/** Rules and the system write as 'system' (an automatic acknowledgement is not an agent's first response). */
type Author = { type: 'contact' | 'agent' | 'system' | 'bot'; id: string | null };

export async function addMessage(
  deps: Pick<Deps, 'clock' | 'ids'> & Partial<Pick<Deps, 'config' | 'jobs'>>,
  trx: Kysely<DB>,
  actor: Actor,
  input: {
    ticketId: string;
    expectedVersion?: number;
    message: CreateMessageInput;
    /** For 'requester' messages: the contact who wrote it when not the requester (a CC'd colleague by email). */
    authorContactId?: string;
  },
): Promise<MessageDto> {
  const ws = actor.workspaceId;
  const now = deps.clock.now();
  const m = input.message;
  const ticket = await lockTicket(trx, ws, input.ticketId, input.expectedVersion);
  if (ticket.status === 'closed') {
    throw new DomainError(
      'TICKET_CLOSED',
      `Ticket #${ticket.number} is closed; open a follow-up ticket instead.`,
    );
  }
  const author = authorOf(actor, ticket, m, input.authorContactId);
  const body = messageBodies(m);
  const attachmentIds = [...new Set(m.attachmentIds ?? [])];
  if (body.text === '' && attachmentIds.length === 0) {
    throw validationError([{ pointer: '/bodyText', message: 'give bodyText, bodyHtml or attachments' }]);
  }
  const message = await insertMessage(trx, {
    id: deps.ids.next(),
    workspace_id: ws,
    ticket_id: ticket.id,
    original_ticket_id: ticket.id,
    visibility: m.visibility,
    author_type: author.type,
    author_id: author.id,
    channel: m.visibility === 'internal' ? 'internal' : (m.channel ?? ticket.channel),
    body_html: body.html,
    body_text: body.text,
    metadata: m.metadata ?? {},
    created_at: now,
  });
  if ((await claimAttachments(trx, ws, message.id, attachmentIds)) !== attachmentIds.length) {
    throw validationError([{ pointer: '/attachmentIds', message: 'unknown or already used attachment' }]);
  }
  // A plain thank-you on a solved ticket keeps it solved (workspace setting, docs/SIGNALS.md).
  const thanks =
    author.type === 'contact' && m.visibility === 'public' && ticket.status === 'solved'
      ? await detectThanksOnSolved(trx, { workspaceId: ws, text: body.text, locale: ticket.language })
      : null;
  const { patch, statusChange } = ticketEffects(ticket, author, m.visibility, now, thanks !== null);
  patch.addSearchTerms = indexTerms(searchableText([body.text]));
  await updateTicket(trx, ws, ticket.id, patch);
  const events: NewEvent[] = [
    {
      subjectType: 'ticket',
      subjectId: ticket.id,
      type: 'message.added',
      data: {
        messageId: message.id,
        visibility: message.visibility,
        authorType: author.type,
        authorId: author.id,
        // Auto-replies and bounces filed as notes (email/ingest-raw-email.ts): never to be answered.
        ...(m.metadata?.autoSubmitted === true ? { autoSubmitted: true } : {}),
      },
    },
  ];
  if (thanks) {
    events.push({
      subjectType: 'ticket',
      subjectId: ticket.id,
      type: 'message.thanks_detected',
      data: { messageId: message.id, confidence: thanks.confidence, cues: thanks.cues },
    });
  }
  if (statusChange) {
    events.push({
      subjectType: 'ticket',
      subjectId: ticket.id,
      type: 'ticket.updated',
      data: { changes: { status: statusChange }, cause: { messageId: message.id } },
    });
  }
  await appendEvents(trx, actor, now, events);
  // A public reply on an email ticket (or a chat that fell back to email) is mailed, queued here.
  const delivery = await queueMessageEmail(deps, trx, { ticket, message });
  const attachments = await listAttachmentsOfMessages(trx, ws, [message.id]);
  return toMessageDto(message, attachments, delivery);
}

function authorOf(actor: Actor, ticket: TicketRecord, m: CreateMessageInput, contactId?: string): Author {
  if (m.author === 'requester') {
    if (m.visibility === 'internal') {
      throw validationError([{ pointer: '/visibility', message: 'a customer message is always public' }]);
    }
    return { type: 'contact', id: contactId ?? ticket.requester_id };
  }
  if (actor.type === 'rule' || actor.type === 'system') return { type: 'system', id: null };
  if (actor.type === 'bot') return { type: 'bot', id: actor.id };
  if (actor.role === 'light_agent' && m.visibility === 'public') {
    throw new DomainError('AUTH_FORBIDDEN', 'Light agents can add internal notes only.');
  }
  return { type: 'agent', id: actor.userId };
}

function ticketEffects(
  ticket: TicketRecord,
  author: Author,
  visibility: 'public' | 'internal',
  now: Date,
  keepSolved: boolean,
): { patch: TicketPatch; statusChange: { from: string; to: string } | null } {
  const patch: TicketPatch = { updated_at: now };
  if (visibility === 'internal') return { patch, statusChange: null };
  let to: TicketRecord['status'] | null = null;
  if (author.type === 'contact') {
    patch.last_customer_message_at = now;
    if (ticket.status === 'pending' || (ticket.status === 'solved' && !keepSolved)) to = 'open';
  } else if (author.type === 'agent') {
    patch.last_agent_message_at = now;
    if (!ticket.first_response_at) patch.first_response_at = now;
    if (ticket.status === 'new') to = 'open';
  }
  if (!to) return { patch, statusChange: null };
  Object.assign(patch, { status: to }, statusTimestamps(to, now));
  return { patch, statusChange: { from: ticket.status, to } };
}
