/**
 * Opens a ticket with its first message, finding or creating the requester contact, in one
 * transaction with its events. Rules, SLA and realtime (later issues) hang off those events.
 */
import {
  type CreateTicketInput,
  indexTerms,
  isOpenStatus,
  missingRequiredFields,
  searchableText,
  type TicketDto,
  validateCustomFieldValues,
  validationError,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { messageBodies } from '../../../platform/html.ts';
import { findOrCreateRequester } from '../../contacts/commands/find-or-create-requester.ts';
import { listCustomFieldDefinitions } from '../../custom-fields/custom-fields.repository.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { ticketNumberSequence } from '../../workspaces/workspaces.repository.ts';
import { checkTicketReferences } from '../ticket-references.ts';
import {
  claimAttachments,
  insertMessage,
  insertTicket,
  nextTicketNumber,
  replaceFollowers,
  toTicketDto,
} from '../tickets.repository.ts';

export async function createTicket(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: CreateTicketInput,
  options: {
    firstMessageAuthor?: 'requester' | 'system';
    /** The configured channel (web form, phone line, social account) the ticket came through. */
    channelId?: string;
    /** A closed ticket this one continues. */
    followUpOfId?: string;
    /** Channel details of the first message (a call's numbers and duration). */
    messageMetadata?: Record<string, unknown>;
  } = {},
): Promise<TicketDto> {
  const ws = actor.workspaceId;
  const now = deps.clock.now();
  const createdAt = input.createdAt ? new Date(input.createdAt) : now;
  const definitions = await listCustomFieldDefinitions(trx, ws);
  const fields = validateCustomFieldValues(definitions, input.customFields);
  const refErrors = await checkTicketReferences(trx, ws, input, { ticketId: null });
  const errors = [...fields.errors, ...refErrors];
  // Created already solved (imports, phone logs): the same required fields as solving later.
  if (input.status === 'solved') errors.push(...missingRequiredFields(definitions, fields.values));
  const body = messageBodies(input.message);
  if (body.text === '' && (input.message.attachmentIds ?? []).length === 0) {
    errors.push({ pointer: '/message', message: 'give bodyText, bodyHtml or attachments' });
  }
  if (errors.length > 0) throw validationError(errors);

  const requester = await findOrCreateRequester(deps, trx, actor, input.requester, now);
  const id = deps.ids.next();
  const number = await nextTicketNumber(trx, ticketNumberSequence(ws));
  const solved = input.status === 'solved';
  const ticket = await insertTicket(trx, {
    id,
    workspace_id: ws,
    number,
    subject: input.subject,
    status: input.status,
    priority: input.priority,
    type: input.type ?? null,
    channel: input.channel,
    language: input.language ?? requester.language ?? null,
    tags: [...new Set(input.tags)],
    custom_fields: fields.values,
    requester_id: requester.id,
    organization_id: requester.organization_id,
    assignee_id: input.assigneeId ?? null,
    team_id: input.teamId ?? null,
    parent_id: input.parentId ?? null,
    merged_into_id: null,
    follow_up_of_id: options.followUpOfId ?? null,
    channel_id: options.channelId ?? null,
    created_at: createdAt,
    updated_at: createdAt,
    first_response_at: null,
    solved_at: solved ? createdAt : null,
    status_changed_at: createdAt,
    closed_at: null,
    last_customer_message_at: input.message.visibility === 'public' ? createdAt : null,
    last_agent_message_at: null,
    searchTerms: indexTerms(searchableText([input.subject, body.text])),
  });
  const message = await insertMessage(trx, {
    id: deps.ids.next(),
    workspace_id: ws,
    ticket_id: id,
    original_ticket_id: id,
    visibility: input.message.visibility,
    author_type: options.firstMessageAuthor === 'system' ? 'system' : 'contact',
    author_id: options.firstMessageAuthor === 'system' ? null : requester.id,
    channel: input.channel,
    body_html: body.html,
    body_text: body.text,
    metadata: options.messageMetadata ?? {},
    created_at: createdAt,
  });
  const attachmentIds = [...new Set(input.message.attachmentIds ?? [])];
  if ((await claimAttachments(trx, ws, message.id, attachmentIds)) !== attachmentIds.length) {
    throw validationError([
      { pointer: '/message/attachmentIds', message: 'unknown or already used attachment' },
    ]);
  }
  const followerIds = input.followerIds ?? [];
  await replaceFollowers(trx, ws, id, followerIds);
  await appendEvents(trx, actor, now, [
    {
      subjectType: 'ticket',
      subjectId: id,
      type: 'ticket.created',
      data: {
        number,
        subject: ticket.subject,
        status: ticket.status,
        priority: ticket.priority,
        channel: ticket.channel,
        requesterId: requester.id,
        assigneeId: ticket.assignee_id,
        teamId: ticket.team_id,
        tags: ticket.tags,
        open: isOpenStatus(ticket.status),
      },
    },
    {
      subjectType: 'ticket',
      subjectId: id,
      type: 'message.added',
      data: {
        messageId: message.id,
        visibility: message.visibility,
        authorType: message.author_type,
        authorId: message.author_id,
        // Part of the creation: creation rules handle it, update rules do not.
        initial: true,
      },
    },
    ...(ticket.parent_id
      ? [
          {
            subjectType: 'ticket' as const,
            subjectId: ticket.parent_id,
            type: 'ticket.child_linked',
            data: { childId: id },
          },
        ]
      : []),
  ]);
  return toTicketDto(ticket, [...new Set(followerIds)].sort());
}
