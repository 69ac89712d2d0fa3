/**
 * Files an outbound mail in the caller's transaction: the `outbound_emails` row, its
 * Message-ID in `email_message_ids` (so the customer's answer threads back to the ticket)
 * and the `email.send` job, all committing with the change that caused the mail. Without a
 * job queue, or before SMTP is configured, the row waits for the periodic sweep instead.
 *
 * Decided here, once: the recipient, the headers, the words, and whether the mail may go at
 * all. An automatic mail (Auto-Submitted) answering an auto-reply, bounce or bulk mail is
 * skipped (loop protection), as is one to a customer past the per-recipient hourly limit; a
 * header with a line break is refused.
 */
import type { MessageDto } from '@switchboard/core';
import { type Kysely, sql } from 'kysely';
import type { DB, OutboundEmailsTable } from '../../../db/schema.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { MessageRow, TicketRecord } from '../../tickets/tickets.repository.ts';
import { type OutboundMailbox, senderOfTicket } from './outbound-mailbox.ts';
import { type MailBody, mailLocaleOf, mailSubject, replyBody } from './outbound-templates.ts';

export const OUTBOUND_QUEUE = 'email.send';
export const SMTP_NOT_CONFIGURED = 'outbound SMTP not configured';
/** Classifications of inbound mail an automatic mail must never answer (docs/EMAIL.md). */
export const NOISE = new Set(['auto_reply', 'bounce', 'bulk']);
const MAX_REFERENCES = 20;

export type OutboundDeps = Pick<Deps, 'clock' | 'ids'> & Partial<Pick<Deps, 'config' | 'jobs'>>;
export type OutboundKind = OutboundEmailsTable['kind'];
export type MessageDelivery = NonNullable<MessageDto['delivery']>;

export type OutboundInput = {
  workspaceId: string;
  ticketId: string | null;
  messageId: string | null;
  notificationId: string | null;
  kind: OutboundKind;
  sender: OutboundMailbox;
  to: string[];
  subject: string;
  body: MailBody;
  inReplyTo: string | null;
  references: string[];
  automatic: boolean;
  /** Set when the mail must not go: recorded as skipped with this reason. */
  skipReason?: string | null;
  /**
   * Mail to the customer (not to agents): its Message-ID is recorded for threading, and, when
   * automatic, it counts against the per-recipient hourly limit (loops need an outside party).
   */
  threads: boolean;
};

const lineBreak = /[\r\n]/;
const plainAddress = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+$/;

/** Why the headers may not be sent as given, or null: no line breaks, one plain address each. */
export function headerProblem(input: {
  to: string[];
  subject: string;
  fromName?: string | null;
}): string | null {
  if (lineBreak.test(input.subject)) return 'refused: line break in the subject';
  if (input.fromName && lineBreak.test(input.fromName)) return 'refused: line break in the sender name';
  for (const address of input.to) {
    if (lineBreak.test(address)) return 'refused: line break in a recipient address';
    if (!plainAddress.test(address)) return `refused: not a plain address: ${JSON.stringify(address)}`;
  }
  return null;
}

export function bareMessageId(value: string): string {
  return value.trim().replace(/^</, '').replace(/>$/, '').trim();
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1) || 'switchboard.invalid';
}

export async function queueOutboundEmail(
  deps: OutboundDeps & Pick<Deps, 'config'>,
  trx: Kysely<DB>,
  input: OutboundInput,
): Promise<Pick<OutboundEmailsTable, 'status'> & { id: string; last_error: string | null }> {
  const now = deps.clock.now();
  const id = deps.ids.next();
  const messageIdHeader = `${id}@${domainOf(input.sender.address)}`;
  const refused = headerProblem({ to: input.to, subject: input.subject, fromName: input.sender.fromName });
  let status: OutboundEmailsTable['status'] = 'queued';
  let lastError: string | null = null;
  if (refused) [status, lastError] = ['failed', refused];
  else if (input.skipReason) [status, lastError] = ['skipped', input.skipReason];
  else if (
    input.automatic &&
    input.threads &&
    (await automaticMailsLastHour(trx, input.workspaceId, input.to[0] ?? '', now)) >=
      deps.config.SWITCHBOARD_AUTOMATIC_EMAILS_PER_HOUR
  )
    [status, lastError] = ['skipped', 'rate_limited'];
  const smtpConfigured = deps.config.SWITCHBOARD_SMTP_OUTBOUND_URL !== undefined;
  if (status === 'queued' && !smtpConfigured) lastError = SMTP_NOT_CONFIGURED;
  const jobs = status === 'queued' && smtpConfigured ? (deps.jobs ?? null) : null;
  await trx
    .insertInto('outbound_emails')
    .values({
      id,
      workspace_id: input.workspaceId,
      mailbox_id: input.sender.id,
      ticket_id: input.ticketId,
      message_id: input.messageId,
      notification_id: input.notificationId,
      kind: input.kind,
      from_address: input.sender.address,
      from_name: input.sender.fromName,
      reply_to: input.sender.replyTo,
      to_addresses: input.to,
      subject: input.subject,
      body_text: input.body.text,
      body_html: input.body.html,
      message_id_header: messageIdHeader,
      in_reply_to: input.inReplyTo,
      reference_ids: input.references.slice(-MAX_REFERENCES),
      automatic: input.automatic,
      status,
      last_error: lastError,
      sweep_after: status === 'queued' && !jobs ? now : null,
      created_at: now,
    })
    .execute();
  if (status === 'queued' && input.threads && input.ticketId) {
    await trx
      .insertInto('email_message_ids')
      .values({
        workspace_id: input.workspaceId,
        message_id_header: messageIdHeader,
        ticket_id: input.ticketId,
        message_id: input.messageId,
        direction: 'out',
        created_at: now,
      })
      .execute();
  }
  if (input.notificationId && status !== 'queued') {
    await trx
      .updateTable('notifications')
      .set({ status: status === 'skipped' ? 'skipped' : 'failed', error: lastError })
      .where('id', '=', input.notificationId)
      .execute();
  }
  if (jobs) await jobs.send(trx, OUTBOUND_QUEUE, { workspaceId: input.workspaceId, outboundId: id });
  return { id, status, last_error: lastError };
}

async function automaticMailsLastHour(trx: Kysely<DB>, ws: string, address: string, now: Date) {
  const row = await trx
    .selectFrom('outbound_emails')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', ws)
    .where('automatic', '=', true)
    .where(sql<string>`to_addresses[1]`, '=', address)
    .where('created_at', '>', new Date(now.getTime() - 3_600_000))
    .where('status', 'in', ['queued', 'sent'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The requester's first email address (the one the ticket's mail goes to). */
export async function requesterAddress(
  trx: Kysely<DB>,
  ws: string,
  contactId: string,
): Promise<string | null> {
  const row = await trx
    .selectFrom('contact_identities')
    .select('value')
    .where('workspace_id', '=', ws)
    .where('contact_id', '=', contactId)
    .where('kind', '=', 'email')
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.value ?? null;
}

/**
 * In-Reply-To: the latest mail the customer sent on the ticket (else our latest mail);
 * References: that mail's own references and its id, the newest twenty.
 */
export async function threadOf(
  trx: Kysely<DB>,
  ws: string,
  ticketId: string,
): Promise<{ inReplyTo: string | null; references: string[] }> {
  const inbound = await trx
    .selectFrom('email_message_ids as e')
    .leftJoin('messages as m', (j) =>
      j.onRef('m.id', '=', 'e.message_id').onRef('m.workspace_id', '=', 'e.workspace_id'),
    )
    .select(['e.message_id_header', 'm.metadata'])
    .where('e.workspace_id', '=', ws)
    .where('e.ticket_id', '=', ticketId)
    .where('e.direction', '=', 'in')
    .orderBy('e.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (inbound) {
    const email = (inbound.metadata as { email?: { references?: unknown } } | null)?.email;
    const earlier = Array.isArray(email?.references)
      ? email.references.filter((r): r is string => typeof r === 'string').map(bareMessageId)
      : typeof email?.references === 'string'
        ? email.references.split(/\s+/).map(bareMessageId)
        : [];
    const id = bareMessageId(inbound.message_id_header);
    return { inReplyTo: id, references: dedupe([...earlier, id]).slice(-MAX_REFERENCES) };
  }
  const ours = await trx
    .selectFrom('outbound_emails')
    .select(['message_id_header', 'reference_ids'])
    .where('workspace_id', '=', ws)
    .where('ticket_id', '=', ticketId)
    .where('status', 'in', ['queued', 'sent'])
    .where('kind', '!=', 'notification')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!ours) return { inReplyTo: null, references: [] };
  return {
    inReplyTo: ours.message_id_header,
    references: dedupe([...ours.reference_ids, ours.message_id_header]).slice(-MAX_REFERENCES),
  };
}

const dedupe = (ids: string[]) => [...new Set(ids.filter((i) => i !== ''))];

/**
 * The classification of the latest inbound mail on the ticket: the mail an automatic answer
 * answers. Auto-replies and bounces are stored as internal notes (ingest-raw-email.ts), so
 * any message carrying `metadata.email` counts, whoever its author.
 */
export async function latestInboundClassification(trx: Kysely<DB>, ws: string, ticketId: string) {
  const row = await trx
    .selectFrom('messages')
    .select('metadata')
    .where('workspace_id', '=', ws)
    .where('ticket_id', '=', ticketId)
    .where(sql<boolean>`metadata -> 'email' is not null`)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const email = (row?.metadata as { email?: { classification?: unknown } } | undefined)?.email;
  return typeof email?.classification === 'string' ? email.classification : null;
}

export async function emailFallbackOf(trx: Kysely<DB>, ws: string, ticketId: string) {
  return trx
    .selectFrom('ticket_email_fallbacks')
    .select(['address', 'created_at'])
    .where('workspace_id', '=', ws)
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
}

/**
 * The hook of add-message: a public agent, rule or bot message on an email ticket (or a chat
 * that fell back to email) is mailed to the requester. Returns the message's delivery state,
 * or null when the message is not mailed.
 */
export async function queueMessageEmail(
  deps: OutboundDeps,
  trx: Kysely<DB>,
  input: { ticket: TicketRecord; message: MessageRow },
): Promise<MessageDelivery | null> {
  const { ticket, message } = input;
  const config = deps.config;
  if (!config || message.visibility !== 'public' || message.author_type === 'contact') return null;
  const ws = ticket.workspace_id;
  const fallback = message.channel === 'email' ? null : await emailFallbackOf(trx, ws, ticket.id);
  if (message.channel !== 'email' && !fallback) return null;
  const to = fallback?.address ?? (await requesterAddress(trx, ws, ticket.requester_id));
  if (!to) return null;
  const automatic = message.author_type === 'system' || message.author_type === 'bot';
  const answered = automatic ? await latestInboundClassification(trx, ws, ticket.id) : null;
  const contact = await trx
    .selectFrom('contacts')
    .select('language')
    .where('workspace_id', '=', ws)
    .where('id', '=', ticket.requester_id)
    .executeTakeFirst();
  const sender = await senderOfTicket(trx, config, ws, ticket);
  const thread = await threadOf(trx, ws, ticket.id);
  const queued = await queueOutboundEmail({ ...deps, config }, trx, {
    workspaceId: ws,
    ticketId: ticket.id,
    messageId: message.id,
    notificationId: null,
    kind: automatic ? 'acknowledgement' : 'reply',
    sender,
    to: [to],
    subject: mailSubject(String(ticket.number), ticket.subject, thread.inReplyTo !== null),
    body: replyBody(mailLocaleOf(ticket.language, contact?.language), {
      bodyText: message.body_text,
      bodyHtml: message.body_html,
      signature: sender.signature,
      ticketNumber: String(ticket.number),
    }),
    inReplyTo: thread.inReplyTo,
    references: thread.references,
    automatic,
    skipReason: answered !== null && NOISE.has(answered) ? 'loop_protection' : null,
    threads: true,
  });
  return { status: queued.status, error: queued.last_error, sentAt: null };
}

/** The delivery state of each mailed message (its latest mail), by message id. */
export async function deliveriesOfMessages(
  db: Kysely<DB>,
  ws: string,
  messageIds: string[],
): Promise<Map<string, MessageDelivery>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('outbound_emails')
    .select(['message_id', 'status', 'last_error', 'sent_at'])
    .where('workspace_id', '=', ws)
    .where('message_id', 'in', messageIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.message_id ?? '',
      { status: r.status, error: r.last_error, sentAt: r.sent_at ? r.sent_at.toISOString() : null },
    ]),
  );
}
