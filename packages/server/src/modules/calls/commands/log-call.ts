/**
 * Logs a phone call. The customer (the caller of an inbound call, the callee of an outbound
 * one) is matched by phone number in any stored form and created if unknown; the call is
 * added as a message on channel 'phone' to the given ticket, or to the customer's latest open
 * ticket when asked, or opens a new ticket. Numbers, duration, agent, recording and
 * transcript go into the message's metadata, and the transcript into its searchable text.
 * Idempotent by the telephony system's call id.
 */
import {
  DomainError,
  type FieldError,
  type LogCallInput,
  type TicketDto,
  validationError,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { findFirstMessageId, findLatestOpenTicketId } from '../../channels/channel-tickets.repository.ts';
import {
  type ChannelRow,
  findChannel,
  listChannels,
  lockExternalKey,
} from '../../channels/channels.repository.ts';
import { channelNotFound } from '../../channels/commands/update-channel.ts';
import { phoneCountryOf, toE164 } from '../../channels/phone-number.ts';
import { learnIdentities, resolveContact } from '../../channels/resolve-contact.ts';
import { addMessage } from '../../tickets/commands/add-message.ts';
import { createTicket } from '../../tickets/commands/create-ticket.ts';
import { findTicket } from '../../tickets/tickets.repository.ts';
import { findUser } from '../../users/users.repository.ts';
import { type CallRow, findCallByExternalId, insertCall } from '../calls.repository.ts';

export type LoggedCall = { call: CallRow; createdTicket: TicketDto | null; replayed: boolean };

export async function logCall(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: LogCallInput,
): Promise<LoggedCall> {
  const ws = actor.workspaceId;
  const now = deps.clock.now();
  if (input.externalId) {
    await lockExternalKey(trx, `call:${ws}:${input.externalId}`);
    const previous = await findCallByExternalId(trx, ws, input.externalId);
    if (previous) return { call: previous, createdTicket: null, replayed: true };
  }
  const channel = await phoneChannel(trx, ws, input.channelId);
  const country = phoneCountryOf(channel?.settings);
  const errors: FieldError[] = [];
  const from = toE164(input.from, country);
  const to = toE164(input.to, country);
  if (!from) errors.push({ pointer: '/from', message: 'not a phone number' });
  if (!to) errors.push({ pointer: '/to', message: 'not a phone number' });
  const agentId = input.agentId ?? actor.userId;
  if (input.agentId && !(await findUser(trx, ws, input.agentId))) {
    errors.push({ pointer: '/agentId', message: 'no such agent' });
  }
  if (input.endedAt && new Date(input.endedAt) < new Date(input.startedAt)) {
    errors.push({ pointer: '/endedAt', message: 'the call cannot end before it starts' });
  }
  if (input.ticketId && input.attachToOpenTicket) {
    errors.push({ pointer: '/attachToOpenTicket', message: 'give ticketId or attachToOpenTicket, not both' });
  }
  if (!from || !to || errors.length > 0) throw validationError(errors);

  const customerNumber = input.direction === 'inbound' ? from : to;
  const sender = { phone: customerNumber, name: input.contactName };
  let ticketId = input.ticketId;
  let contactId: string;
  if (ticketId) {
    // A call about a known ticket is with its customer, who may now be known by this number.
    const ticket = await findTicket(trx, ws, ticketId);
    if (!ticket) throw new DomainError('TICKET_NOT_FOUND', `Ticket ${ticketId} does not exist.`);
    contactId = ticket.requester_id;
    await learnIdentities(deps, trx, ws, contactId, sender);
  } else {
    contactId = (await resolveContact(deps, trx, actor, sender, now)).id;
    if (input.attachToOpenTicket) ticketId = await findLatestOpenTicketId(trx, ws, contactId);
  }

  const metadata = {
    kind: 'call',
    direction: input.direction,
    from,
    to,
    durationSeconds: input.durationSeconds,
    agentId,
    recordingAttachmentId: input.recordingAttachmentId ?? null,
    recordingUrl: input.recordingUrl ?? null,
    transcript: input.transcript ?? null,
    startedAt: input.startedAt,
    endedAt: input.endedAt ?? null,
    externalId: input.externalId ?? null,
  };
  const bodyText = callText(input, from, to);
  const attachmentIds = input.recordingAttachmentId ? [input.recordingAttachmentId] : [];
  let messageId: string;
  let createdTicket: TicketDto | null = null;
  if (ticketId) {
    const message = await addMessage(deps, trx, actor, {
      ticketId,
      message: {
        bodyText,
        attachmentIds,
        visibility: 'public',
        author: input.direction === 'inbound' ? 'requester' : 'me',
        channel: 'phone',
        metadata,
      },
    });
    messageId = message.id;
  } else {
    createdTicket = await createTicket(
      deps,
      trx,
      actor,
      {
        subject: input.subject ?? defaultSubject(input.direction, customerNumber),
        requester: { id: contactId },
        message: { bodyText, attachmentIds, visibility: 'public' },
        channel: 'phone',
        status: 'new',
        priority: 'normal',
        tags: [],
        customFields: {},
        createdAt: input.startedAt,
      },
      {
        firstMessageAuthor: input.direction === 'inbound' ? 'requester' : 'system',
        messageMetadata: metadata,
        ...(channel ? { channelId: channel.id } : {}),
      },
    );
    ticketId = createdTicket.id;
    messageId = await findFirstMessageId(trx, ws, ticketId);
  }
  const call = await insertCall(trx, {
    id: deps.ids.next(),
    workspace_id: ws,
    ticket_id: ticketId,
    message_id: messageId,
    direction: input.direction,
    from_number: from,
    to_number: to,
    duration_seconds: input.durationSeconds,
    agent_id: agentId,
    recording_attachment_id: input.recordingAttachmentId ?? null,
    recording_url: input.recordingUrl ?? null,
    transcript: input.transcript ?? null,
    started_at: input.startedAt,
    ended_at: input.endedAt ?? null,
    external_id: input.externalId ?? null,
    created_at: now,
  });
  return { call, createdTicket, replayed: false };
}

/** The named phone channel, or the workspace's first enabled one (calls need none). */
async function phoneChannel(
  trx: Kysely<DB>,
  ws: string,
  id: string | undefined,
): Promise<ChannelRow | undefined> {
  if (!id) return (await listChannels(trx, ws, { kind: 'phone', enabledOnly: true }))[0];
  const channel = await findChannel(trx, ws, id);
  if (channel?.kind !== 'phone') throw channelNotFound(id);
  if (!channel.enabled) {
    throw new DomainError('CHANNEL_DISABLED', `Channel "${channel.name}" is disabled.`, { channelId: id });
  }
  return channel;
}

function defaultSubject(direction: 'inbound' | 'outbound', customer: string): string {
  return direction === 'inbound' ? `Call from ${customer}` : `Call to ${customer}`;
}

export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mmss = `${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** The timeline text of a call: a summary line, the agent's notes and the transcript. */
function callText(input: LogCallInput, from: string, to: string): string {
  const head = `${input.direction === 'inbound' ? 'Inbound' : 'Outbound'} call ${from} → ${to}, ${formatDuration(input.durationSeconds)}`;
  const parts = [head];
  if (input.recordingUrl) parts.push(`Recording: ${input.recordingUrl}`);
  if (input.notes?.trim()) parts.push(input.notes.trim());
  if (input.transcript?.trim()) parts.push(`Transcript:\n${input.transcript.trim()}`);
  return parts.join('\n\n');
}
