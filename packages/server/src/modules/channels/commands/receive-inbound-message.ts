/**
 * The generic inbound API: a message from a social network or another source opens a ticket
 * on the channel, or continues the ticket of its external thread (a closed one gets a
 * follow-up ticket linked to it). Idempotent by the source's message id: the id is claimed
 * first, so a retry or a concurrent duplicate is answered with the first result.
 */
import {
  DomainError,
  type InboundMessageInput,
  type InboundResult,
  validationError,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { htmlToPlainText } from '../../../platform/html.ts';
import { addMessage } from '../../tickets/commands/add-message.ts';
import { createTicket } from '../../tickets/commands/create-ticket.ts';
import { findTicket } from '../../tickets/tickets.repository.ts';
import { findFirstMessageId } from '../channel-tickets.repository.ts';
import {
  type ChannelRow,
  claimInboundMessage,
  completeInboundMessage,
  findChannel,
  findThreadTicketId,
  lockExternalKey,
  saveThread,
} from '../channels.repository.ts';
import { phoneCountryOf, toE164 } from '../phone-number.ts';
import { type ChannelSender, learnIdentities, resolveContact } from '../resolve-contact.ts';
import { channelNotFound } from './update-channel.ts';

export async function receiveInboundMessage(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  channelId: string,
  input: InboundMessageInput,
): Promise<{ result: InboundResult; replayed: boolean; channelKind: ChannelRow['kind'] }> {
  const ws = actor.workspaceId;
  const now = deps.clock.now();
  const channel = await findInboundChannel(trx, ws, channelId);
  const previous = await claimInboundMessage(trx, {
    workspaceId: ws,
    channelId,
    externalMessageId: input.externalMessageId,
    at: now,
  });
  if (previous) return { result: await replay(trx, ws, previous), replayed: true, channelKind: channel.kind };

  const text = input.text?.trim() ?? '';
  const html = input.html?.trim() ?? '';
  const errors = [];
  if (text === '' && html === '' && (input.attachmentIds ?? []).length === 0) {
    errors.push({ pointer: '/text', message: 'give text, html or attachmentIds' });
  }
  const phone = input.from.phone ? toE164(input.from.phone, phoneCountryOf(channel.settings)) : undefined;
  if (phone === null) errors.push({ pointer: '/from/phone', message: 'not a phone number' });
  if (errors.length > 0) throw validationError(errors);

  if (input.externalThreadId) await lockExternalKey(trx, `thread:${channelId}:${input.externalThreadId}`);
  const sender: ChannelSender = {
    name: input.from.name,
    email: input.from.email,
    phone: phone ?? undefined,
    externalId: input.from.externalUserId ? `${channelId}:${input.from.externalUserId}` : undefined,
  };
  const threadTicket = input.ticketId
    ? await liveTicket(trx, ws, input.ticketId)
    : input.externalThreadId
      ? await liveTicketOfThread(trx, ws, channelId, input.externalThreadId)
      : undefined;
  if (input.ticketId && !threadTicket) {
    throw new DomainError('TICKET_NOT_FOUND', `Ticket ${input.ticketId} does not exist.`);
  }
  // A conversation continues with its customer, who may now be known by one more identity.
  let requesterId: string;
  if (threadTicket) {
    requesterId = threadTicket.requester_id;
    await learnIdentities(deps, trx, ws, requesterId, sender);
  } else {
    requesterId = (await resolveContact(deps, trx, actor, sender, now)).id;
  }
  const messageChannel = channel.kind === 'social' ? 'social' : 'api';
  const body = { ...(text ? { bodyText: text } : {}), ...(html ? { bodyHtml: html } : {}) };
  const metadata = {
    kind: 'inbound',
    channelId,
    externalMessageId: input.externalMessageId,
    externalThreadId: input.externalThreadId ?? null,
  };

  let result: InboundResult;
  if (threadTicket && threadTicket.status !== 'closed') {
    const message = await addMessage(deps, trx, actor, {
      ticketId: threadTicket.id,
      message: {
        ...body,
        attachmentIds: input.attachmentIds,
        visibility: 'public',
        author: 'requester',
        channel: messageChannel,
        metadata,
      },
    });
    result = {
      ticketId: threadTicket.id,
      ticketNumber: Number(threadTicket.number),
      messageId: message.id,
      createdTicket: false,
      followUpOfId: null,
    };
  } else {
    const subject = input.subject ?? subjectFrom(text || htmlToPlainText(html), channel.name);
    const ticket = await createTicket(
      deps,
      trx,
      actor,
      {
        subject,
        requester: { id: requesterId },
        message: { ...body, attachmentIds: input.attachmentIds, visibility: 'public' },
        channel: messageChannel,
        status: 'new',
        priority: 'normal',
        tags: [],
        customFields: {},
      },
      {
        channelId,
        messageMetadata: metadata,
        ...(threadTicket ? { followUpOfId: threadTicket.id } : {}),
      },
    );
    result = {
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      messageId: await findFirstMessageId(trx, ws, ticket.id),
      createdTicket: true,
      followUpOfId: threadTicket?.id ?? null,
    };
  }
  if (input.externalThreadId) {
    await saveThread(trx, {
      workspaceId: ws,
      channelId,
      externalThreadId: input.externalThreadId,
      ticketId: result.ticketId,
      at: now,
    });
  }
  await completeInboundMessage(trx, {
    workspaceId: ws,
    channelId,
    externalMessageId: input.externalMessageId,
    ticketId: result.ticketId,
    messageId: result.messageId,
    createdTicket: result.createdTicket,
  });
  return { result, replayed: false, channelKind: channel.kind };
}

async function findInboundChannel(trx: Kysely<DB>, ws: string, id: string): Promise<ChannelRow> {
  const channel = await findChannel(trx, ws, id);
  if (!channel || (channel.kind !== 'api' && channel.kind !== 'social')) throw channelNotFound(id);
  if (!channel.enabled) {
    throw new DomainError('CHANNEL_DISABLED', `Channel "${channel.name}" is disabled.`, { channelId: id });
  }
  return channel;
}

/** The thread's ticket, following merges to the ticket that holds the conversation now. */
async function liveTicketOfThread(trx: Kysely<DB>, ws: string, channelId: string, threadId: string) {
  const ticketId = await findThreadTicketId(trx, ws, channelId, threadId);
  return ticketId ? liveTicket(trx, ws, ticketId) : undefined;
}

async function liveTicket(trx: Kysely<DB>, ws: string, ticketId: string) {
  let ticket = await findTicket(trx, ws, ticketId, { forUpdate: true });
  for (let hops = 0; ticket?.merged_into_id && hops < 10; hops++) {
    ticket = await findTicket(trx, ws, ticket.merged_into_id, { forUpdate: true });
  }
  return ticket;
}

async function replay(
  trx: Kysely<DB>,
  ws: string,
  previous: { ticketId: string | null; messageId: string | null; createdTicket: boolean },
): Promise<InboundResult> {
  const ticket = previous.ticketId ? await findTicket(trx, ws, previous.ticketId) : undefined;
  if (!ticket || !previous.messageId) {
    throw new DomainError('TICKET_NOT_FOUND', 'The ticket of this message no longer exists.');
  }
  return {
    ticketId: ticket.id,
    ticketNumber: Number(ticket.number),
    messageId: previous.messageId,
    createdTicket: previous.createdTicket,
    followUpOfId: previous.createdTicket ? ticket.follow_up_of_id : null,
  };
}

/** The first line of the message, shortened on a word boundary; else the channel's name. */
export function subjectFrom(text: string, fallback: string): string {
  const line =
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? '';
  if (line === '') return fallback;
  if (line.length <= 80) return line;
  const cut = line.slice(0, 80);
  const space = cut.lastIndexOf(' ');
  return `${space > 40 ? cut.slice(0, space) : cut}…`;
}
