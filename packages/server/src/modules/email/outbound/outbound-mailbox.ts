/**
 * Who a ticket's mail comes from: the mailbox its customer wrote to (email/mailboxes.repository.ts
 * decides which), with its From name and signature and a Reply-To carrying the ticket's reply
 * token; without any mailbox, SWITCHBOARD_EMAIL_FROM.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../../config/config.ts';
import type { DB } from '../../../db/schema.ts';
import { mailboxOfTicket } from '../mailboxes.repository.ts';
import { replyAddressFor, replyTokenFor, replyTokenKeyOf } from '../reply-token.ts';

export type OutboundMailbox = {
  id: string | null;
  address: string;
  fromName: string | null;
  signature: string;
  replyTo: string | null;
};

export async function senderOfTicket(
  trx: Kysely<DB>,
  config: Pick<Config, 'SWITCHBOARD_EMAIL_FROM'>,
  workspaceId: string,
  ticket: { id: string },
): Promise<OutboundMailbox> {
  const mailbox = await mailboxOfTicket(trx, workspaceId, ticket.id);
  if (!mailbox) {
    return { id: null, address: config.SWITCHBOARD_EMAIL_FROM, fromName: null, signature: '', replyTo: null };
  }
  const key = await replyTokenKeyOf(trx, workspaceId);
  return {
    id: mailbox.id,
    address: mailbox.address,
    fromName: mailbox.from_name ?? mailbox.name,
    signature: mailbox.signature_text,
    replyTo: replyAddressFor(mailbox.address, replyTokenFor(key, ticket.id)),
  };
}

/** The sender of mail about no particular ticket (notifications without one). */
export function defaultSender(config: Pick<Config, 'SWITCHBOARD_EMAIL_FROM'>): OutboundMailbox {
  return { id: null, address: config.SWITCHBOARD_EMAIL_FROM, fromName: null, signature: '', replyTo: null };
}
