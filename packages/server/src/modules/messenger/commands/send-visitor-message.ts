/**
 * A visitor's message: the first one opens a conversation (a ticket on channel 'chat'
 * through the create-ticket command), later ones are added through add-message, so rules,
 * SLA, search and events behave as for any other channel. The client message id is claimed
 * first in the same transaction: a resend after a lost answer returns the stored message.
 */
import { createMessageSchema, createTicketSchema, DomainError, validationError } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Deps } from '../../../platform/deps.ts';
import { findOrCreateRequester } from '../../contacts/commands/find-or-create-requester.ts';
import { addMessage } from '../../tickets/commands/add-message.ts';
import { createTicket } from '../../tickets/commands/create-ticket.ts';
import {
  claimClientMessage,
  completeClientMessage,
  findSettings,
  insertConversation,
  isConversationOfVisitor,
  updateVisitor,
  type VisitorRow,
} from '../messenger.repository.ts';
import type { PreChatInput, SendMessageInput } from '../messenger.schemas.ts';
import { visitorActor } from '../visitor-identity.ts';

export type SentMessage = { ticketId: string; messageId: string; replayed: boolean; created: boolean };

const SUBJECT_LENGTH = 80;

export async function sendVisitorMessage(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  visitor: VisitorRow,
  input: SendMessageInput & { ticketId: string | null; preChat?: PreChatInput | undefined },
): Promise<SentMessage> {
  const now = deps.clock.now();
  const key = {
    workspace_id: visitor.workspace_id,
    visitor_id: visitor.id,
    client_message_id: input.clientMessageId,
  };
  const earlier = await claimClientMessage(trx, { ...key, created_at: now });
  if (earlier?.ticket_id && earlier.message_id) {
    return { ticketId: earlier.ticket_id, messageId: earlier.message_id, replayed: true, created: false };
  }
  const bodyText = input.bodyText.trim();
  if (bodyText === '' && input.attachmentIds.length === 0) {
    throw validationError([{ pointer: '/bodyText', message: 'write a message or attach a file' }]);
  }
  if (input.ticketId === null) {
    const ticketId = await openConversation(deps, trx, visitor, { ...input, bodyText }, now);
    const messageId = await firstMessageId(trx, visitor.workspace_id, ticketId);
    await completeClientMessage(trx, key, { ticket_id: ticketId, message_id: messageId });
    return { ticketId, messageId, replayed: false, created: true };
  }
  if (!(await isConversationOfVisitor(trx, visitor, input.ticketId))) {
    throw new DomainError('TICKET_NOT_FOUND', `Conversation ${input.ticketId} does not exist.`);
  }
  const message = await addMessage(deps, trx, visitorActor(visitor, visitor.contact_id), {
    ticketId: input.ticketId,
    message: createMessageSchema.parse({
      bodyText,
      attachmentIds: input.attachmentIds,
      author: 'requester',
      visibility: 'public',
      channel: 'chat',
    }),
  });
  await completeClientMessage(trx, key, { ticket_id: input.ticketId, message_id: message.id });
  return { ticketId: input.ticketId, messageId: message.id, replayed: false, created: false };
}

async function openConversation(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  visitor: VisitorRow,
  input: SendMessageInput & { preChat?: PreChatInput | undefined },
  now: Date,
): Promise<string> {
  const name = visitor.name ?? input.preChat?.name ?? null;
  const email = visitor.email ?? input.preChat?.email ?? null;
  const settings = await findSettings(trx, visitor.workspace_id);
  if (!visitor.external_user_id && settings) {
    const missing = [
      settings.pre_chat_name === 'required' && !name ? 'name' : null,
      settings.pre_chat_email === 'required' && !email ? 'email' : null,
    ].filter((f) => f !== null);
    if (missing.length > 0) {
      throw validationError(missing.map((f) => ({ pointer: `/preChat/${f}`, message: 'required' })));
    }
  }
  const contactId = visitor.contact_id ?? (await visitorContact(deps, trx, visitor, { name, email }, now));
  if (name !== visitor.name || email !== visitor.email || contactId !== visitor.contact_id) {
    await updateVisitor(trx, visitor, { name, email, contact_id: contactId });
  }
  const firstLine = input.bodyText.split('\n')[0]?.trim() ?? '';
  const subject =
    firstLine.length > SUBJECT_LENGTH ? `${firstLine.slice(0, SUBJECT_LENGTH - 1)}…` : firstLine || 'Chat';
  const ticket = await createTicket(
    deps,
    trx,
    visitorActor(visitor, contactId),
    createTicketSchema.parse({
      subject,
      requester: { id: contactId },
      message: { bodyText: input.bodyText || undefined, attachmentIds: input.attachmentIds },
      channel: 'chat',
      ...(visitor.language ? { language: visitor.language.split('-')[0] } : {}),
    }),
  );
  await insertConversation(trx, {
    workspace_id: visitor.workspace_id,
    ticket_id: ticket.id,
    visitor_id: visitor.id,
    external_user_id: visitor.external_user_id,
    created_at: now,
  });
  return ticket.id;
}

/**
 * An anonymous visitor's contact, made on its first conversation: by the pre-chat email
 * (like a mail from that address, which the email fallback can later answer), else a
 * contact of its own named by the visitor id.
 */
async function visitorContact(
  deps: Pick<Deps, 'ids'>,
  trx: Kysely<DB>,
  visitor: VisitorRow,
  who: { name: string | null; email: string | null },
  now: Date,
): Promise<string> {
  const contact = await findOrCreateRequester(
    deps,
    trx,
    visitorActor(visitor, null),
    {
      ...(who.email ? { email: who.email } : { externalId: `messenger-visitor:${visitor.id}` }),
      name: who.name ?? undefined,
      language: visitor.language?.split('-')[0],
    },
    now,
  );
  return contact.id;
}

async function firstMessageId(trx: Kysely<DB>, workspaceId: string, ticketId: string): Promise<string> {
  const row = await trx
    .selectFrom('messages')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return row.id;
}
