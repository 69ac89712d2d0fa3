/**
 * A contact form submission becomes a ticket on channel 'web' through the ordinary
 * create-ticket command (so rules, SLA, search and events apply), with the uploaded files
 * (already in the attachment store) recorded and attached to its first message.
 */
import type { TicketDto, WebFormFields, WebFormLanguage } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { recordAttachment, type StoredUpload } from '../../attachments/commands/record-attachment.ts';
import { createTicket } from '../../tickets/commands/create-ticket.ts';

export async function submitWebForm(
  deps: Pick<Deps, 'clock' | 'ids'>,
  trx: Kysely<DB>,
  actor: Actor,
  input: { channelId: string; fields: WebFormFields; language: WebFormLanguage; files: StoredUpload[] },
): Promise<TicketDto> {
  const attachmentIds: string[] = [];
  for (const file of input.files) attachmentIds.push((await recordAttachment(deps, trx, actor, file)).id);
  const { name, email, subject, message } = input.fields;
  return createTicket(
    deps,
    trx,
    actor,
    {
      subject: subject.trim(),
      requester: { email: email.trim(), name: name.trim(), language: input.language },
      message: { bodyText: message.trim(), attachmentIds, visibility: 'public' },
      channel: 'web',
      status: 'new',
      priority: 'normal',
      tags: [],
      customFields: {},
      language: input.language,
    },
    { channelId: input.channelId },
  );
}
