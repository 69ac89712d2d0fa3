/**
 * One inbound mail, however it came (SMTP, IMAP, the raw MIME webhook), into a ticket:
 * keep the raw bytes → parse → de-duplicate by Message-ID → classify → loop guard → thread →
 * find or create the sender's contact → new ticket, reply on a ticket, or follow-up of a
 * closed one. Everything for one mail commits in one transaction with its inbound_emails
 * row; when that fails, a second transaction stores the row as `failed` with the error, and
 * the raw bytes are already kept, so no mail is ever lost (POST …/retry processes it again).
 * docs/EMAIL.md describes the rules.
 */
import {
  type CreateMessageInput,
  classifyInboundMail,
  DomainError,
  decideThread,
  extractTicketNumberFromSubject,
  type InboundClassification,
  stripQuotedReply,
  type ThreadCandidate,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { systemActor } from '../../platform/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { isMediaTypeAllowed, looksExecutable } from '../attachments/attachment-policy.ts';
import { insertAttachment } from '../attachments/attachments.repository.ts';
import { findOrCreateRequester } from '../contacts/commands/find-or-create-requester.ts';
import { findContactByIdentity } from '../contacts/contacts.repository.ts';
import { addMessage } from '../tickets/commands/add-message.ts';
import { createTicket } from '../tickets/commands/create-ticket.ts';
import { findTicket, findTicketByNumber, type TicketRecord } from '../tickets/tickets.repository.ts';
import {
  claimFirstDelivery,
  countRecentFromSender,
  findFirstDelivery,
  findInboundEmail,
  findTicketIdByMessageIds,
  type InboundEmailRow,
  insertInboundEmail,
  type NewInboundEmail,
  recordMessageId,
  senderWroteToTicket,
  updateInboundEmail,
} from './inbound-emails.repository.ts';
import { findMailbox, findMailboxByAddress, type MailboxRow } from './mailboxes.repository.ts';
import { type ParsedEmail, parseEmail, singleLine } from './parse-email.ts';
import { plusTagsOf, replyTokenKeyOf, verifyReplyToken } from './reply-token.ts';

export type IngestDeps = Pick<Deps, 'db' | 'clock' | 'ids' | 'config' | 'attachments'> &
  Partial<Pick<Deps, 'jobs'>>;

export type IngestInput = {
  workspaceId: string;
  raw: Buffer;
  source: 'smtp' | 'imap' | 'webhook';
  /** Envelope recipients (RCPT TO) or, for IMAP, the mailbox address. */
  recipients: string[];
  mailboxId?: string;
};

export type IngestStatus = 'stored' | 'duplicate' | 'ignored' | 'failed';

export type IngestResult = {
  status: IngestStatus;
  inboundId: string;
  ticketId: string | null;
  messageId: string | null;
};

/** Subject of a mail that has none. */
const NO_SUBJECT = '(no subject)';
const MAX_TEXT = 200_000;
const MAX_HTML = 1_000_000;

/**
 * Resolves once the mail is committed (stored, duplicate, ignored or failed). Throws only
 * when the raw bytes cannot be kept (disk full): then the sender should retry later.
 */
export async function ingestRawEmail(deps: IngestDeps, input: IngestInput): Promise<IngestResult> {
  const receivedAt = deps.clock.now();
  const kept = await deps.attachments.put(input.raw);
  const recipients = input.recipients.map((r) => singleLine(r, 320).toLowerCase()).filter(Boolean);
  let parsed: ParsedEmail | null = null;
  let parseError: string | null = null;
  if (input.raw.length > deps.config.SWITCHBOARD_EMAIL_MAX_BYTES) {
    parseError = `too_large: ${input.raw.length} bytes (limit ${deps.config.SWITCHBOARD_EMAIL_MAX_BYTES})`;
  } else {
    try {
      parsed = await parseEmail(input.raw);
    } catch (error) {
      parseError = `unparseable: ${(error as Error).message}`;
    }
  }
  const messageIdHeader = parsed?.messageId ?? `sha256-${kept.sha256}@switchboard.invalid`;
  const ws = input.workspaceId;
  const mailbox = await resolveMailbox(deps.db, ws, input.mailboxId, recipients);

  const base: NewInboundEmail = {
    id: deps.ids.next(),
    workspace_id: ws,
    mailbox_id: mailbox?.id ?? null,
    source: input.source,
    message_id_header: messageIdHeader,
    from_address: parsed?.from?.address ?? null,
    subject: parsed?.subject ?? '',
    recipients,
    raw_sha256: kept.sha256,
    raw_size_bytes: kept.sizeBytes,
    classification: null,
    status: 'stored',
    reason: null,
    error: null,
    ticket_id: null,
    message_id: null,
    received_at: receivedAt,
    processed_at: null,
  };

  // Seen before: a duplicate row (kept for the record), or a new attempt at a failed one.
  const first = await findFirstDelivery(deps.db, ws, messageIdHeader);
  if (first) {
    if (first.status === 'failed') return reprocess(deps, first, { recipients });
    return recordDuplicate(deps, base, first);
  }
  if (!parsed) return storeFailure(deps, base, parseError ?? 'unparseable', { claim: true });
  return processMail(deps, { row: base, parsed, mailbox, existing: false });
}

/** Processes a stored failed (or ignored) inbound mail again from its raw bytes. */
export async function retryInboundEmail(
  deps: IngestDeps,
  workspaceId: string,
  inboundId: string,
): Promise<IngestResult> {
  const row = await findInboundEmail(deps.db, workspaceId, inboundId);
  if (!row) throw new DomainError('INBOUND_EMAIL_NOT_FOUND', `Inbound email ${inboundId} does not exist.`);
  if (row.status !== 'failed' && row.status !== 'ignored') {
    throw new DomainError(
      'INBOUND_EMAIL_NOT_RETRYABLE',
      `Inbound email ${inboundId} is ${row.status}; only failed or ignored mail is processed again.`,
      { status: row.status },
    );
  }
  return reprocess(deps, row, { recipients: row.recipients, ignoreRateLimit: true });
}

async function reprocess(
  deps: IngestDeps,
  row: InboundEmailRow,
  options: { recipients: string[]; ignoreRateLimit?: boolean },
): Promise<IngestResult> {
  const raw = await readRaw(deps, row.raw_sha256);
  const base: NewInboundEmail = {
    ...row,
    raw_size_bytes: Number(row.raw_size_bytes),
    recipients: options.recipients,
  };
  let parsed: ParsedEmail;
  try {
    if (raw.length > deps.config.SWITCHBOARD_EMAIL_MAX_BYTES)
      throw new Error(`too_large: ${raw.length} bytes`);
    parsed = await parseEmail(raw);
  } catch (error) {
    return storeFailure(deps, base, (error as Error).message, { claim: false });
  }
  const mailbox = row.mailbox_id ? await findMailbox(deps.db, row.workspace_id, row.mailbox_id) : null;
  return processMail(deps, {
    row: base,
    parsed,
    mailbox,
    existing: true,
    ignoreRateLimit: options.ignoreRateLimit ?? false,
  });
}

async function readRaw(deps: IngestDeps, sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of deps.attachments.open(sha256)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function resolveMailbox(
  db: Kysely<DB>,
  workspaceId: string,
  mailboxId: string | undefined,
  recipients: string[],
): Promise<MailboxRow | null> {
  if (mailboxId) return findMailbox(db, workspaceId, mailboxId);
  for (const r of recipients) {
    const m = await findMailboxByAddress(db, r);
    if (m && m.workspace_id === workspaceId) return m;
  }
  return null;
}

async function recordDuplicate(
  deps: IngestDeps,
  base: NewInboundEmail,
  first: Pick<InboundEmailRow, 'id' | 'ticket_id' | 'message_id'>,
): Promise<IngestResult> {
  await insertInboundEmail(deps.db, {
    ...base,
    status: 'duplicate',
    reason: `duplicate_of:${first.id}`,
    ticket_id: first.ticket_id,
    processed_at: deps.clock.now(),
  });
  return { status: 'duplicate', inboundId: base.id, ticketId: first.ticket_id, messageId: null };
}

/** The second transaction: the mail is kept as failed with the reason; never lost. */
async function storeFailure(
  deps: IngestDeps,
  base: NewInboundEmail,
  error: string,
  options: { claim: boolean },
): Promise<IngestResult> {
  const now = deps.clock.now();
  const text = singleLine(error, 2000);
  return deps.db.transaction().execute(async (trx) => {
    if (options.claim) {
      const row = {
        ...base,
        status: 'failed' as const,
        error: text,
        reason: reasonOf(text),
        processed_at: now,
      };
      if (!(await claimFirstDelivery(trx, row))) {
        const winner = await findFirstDelivery(trx, base.workspace_id, base.message_id_header);
        if (winner) {
          await insertInboundEmail(trx, {
            ...base,
            status: 'duplicate',
            reason: `duplicate_of:${winner.id}`,
            ticket_id: winner.ticket_id,
            processed_at: now,
          });
          return { status: 'duplicate', inboundId: base.id, ticketId: winner.ticket_id, messageId: null };
        }
      }
    } else {
      const current = await findInboundEmail(trx, base.workspace_id, base.id, { forUpdate: true });
      await updateInboundEmail(trx, base.workspace_id, base.id, {
        status: 'failed',
        error: text,
        reason: reasonOf(text),
        processed_at: now,
        attempts: (current?.attempts ?? 0) + 1,
      });
    }
    return { status: 'failed', inboundId: base.id, ticketId: null, messageId: null };
  });
}

function reasonOf(error: string): string {
  const m = /^([a-z_]+):/.exec(error);
  return m?.[1] ?? 'error';
}

type Outcome = {
  status: IngestStatus;
  classification: InboundClassification | null;
  reason: string | null;
  ticketId: string | null;
  messageId: string | null;
};

async function processMail(
  deps: IngestDeps,
  job: {
    row: NewInboundEmail;
    parsed: ParsedEmail;
    mailbox: MailboxRow | null;
    existing: boolean;
    ignoreRateLimit?: boolean;
  },
): Promise<IngestResult> {
  const { row, parsed } = job;
  const ws = row.workspace_id;
  try {
    // Attachment bytes are written before the transaction (content-addressed, idempotent).
    const files = await storeAttachments(deps, parsed);
    return await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      if (job.existing) {
        const current = await findInboundEmail(trx, ws, row.id, { forUpdate: true });
        if (!current || (current.status !== 'failed' && current.status !== 'ignored')) {
          return {
            status: current?.status ?? 'failed',
            inboundId: row.id,
            ticketId: current?.ticket_id ?? null,
            messageId: current?.message_id ?? null,
          };
        }
      } else if (!(await claimFirstDelivery(trx, { ...row, status: 'stored' }))) {
        // A concurrent delivery of the same Message-ID committed first.
        const winner = await findFirstDelivery(trx, ws, row.message_id_header);
        await insertInboundEmail(trx, {
          ...row,
          status: 'duplicate',
          reason: `duplicate_of:${winner?.id ?? 'unknown'}`,
          ticket_id: winner?.ticket_id ?? null,
          processed_at: now,
        });
        return {
          status: 'duplicate',
          inboundId: row.id,
          ticketId: winner?.ticket_id ?? null,
          messageId: null,
        };
      }
      const outcome = await decideAndApply(deps, trx, job, files, now);
      await updateInboundEmail(trx, ws, row.id, {
        status: outcome.status,
        classification: outcome.classification,
        reason: outcome.reason,
        error: null,
        ticket_id: outcome.ticketId,
        message_id: outcome.messageId,
        processed_at: now,
        from_address: parsed.from?.address ?? null,
        subject: parsed.subject,
        mailbox_id: job.mailbox?.id ?? row.mailbox_id,
        ...(job.existing ? { attempts: ((await findInboundEmail(trx, ws, row.id))?.attempts ?? 0) + 1 } : {}),
      });
      return {
        status: outcome.status,
        inboundId: row.id,
        ticketId: outcome.ticketId,
        messageId: outcome.messageId,
      };
    });
  } catch (error) {
    const e = error as Error & { code?: string };
    const detail = e instanceof DomainError ? `${e.code}: ${e.message}` : `error: ${e.message}`;
    return storeFailure(deps, row, detail, { claim: !job.existing });
  }
}

type StoredFile = {
  sha256: string;
  sizeBytes: number;
  filename: string;
  contentType: string;
  contentId: string | null;
  inline: boolean;
};

async function storeAttachments(
  deps: IngestDeps,
  parsed: ParsedEmail,
): Promise<{ files: StoredFile[]; skipped: { filename: string; reason: string }[] }> {
  const files: StoredFile[] = [];
  const skipped: { filename: string; reason: string }[] = [];
  for (const a of parsed.attachments) {
    if (a.content.length === 0) {
      skipped.push({ filename: a.filename, reason: 'empty' });
      continue;
    }
    if (a.content.length > deps.config.SWITCHBOARD_ATTACHMENT_MAX_BYTES) {
      skipped.push({ filename: a.filename, reason: 'too_large' });
      continue;
    }
    if (!isMediaTypeAllowed(a.contentType, deps.config.attachmentTypes) || looksExecutable(a.content)) {
      skipped.push({ filename: a.filename, reason: 'type_not_allowed' });
      continue;
    }
    const put = await deps.attachments.put(a.content);
    files.push({
      ...put,
      filename: a.filename,
      contentType: a.contentType,
      contentId: a.contentId,
      inline: a.inline,
    });
  }
  return { files, skipped };
}

async function decideAndApply(
  deps: IngestDeps,
  trx: Kysely<DB>,
  job: { row: NewInboundEmail; parsed: ParsedEmail; mailbox: MailboxRow | null; ignoreRateLimit?: boolean },
  stored: { files: StoredFile[]; skipped: { filename: string; reason: string }[] },
  now: Date,
): Promise<Outcome> {
  const { row, parsed, mailbox } = job;
  const ws = row.workspace_id;
  const from = parsed.from;
  const none = { ticketId: null, messageId: null };
  if (!from) {
    return {
      ...none,
      status: 'failed',
      classification: null,
      reason: 'no_sender',
      // The row keeps the From header as written for the admin to see.
    };
  }
  const classification = classifyInboundMail({
    headers: parsed.headers,
    from: from.address,
    subject: parsed.subject,
  });

  // Loop guards: our own mailboxes writing to us, and one sender flooding us.
  const own = await findMailboxByAddress(trx, from.address);
  if (own && own.workspace_id === ws)
    return { ...none, status: 'ignored', classification, reason: 'from_own_mailbox' };
  if (!job.ignoreRateLimit) {
    const since = new Date(now.getTime() - 3_600_000);
    const recent = await countRecentFromSender(trx, ws, from.address, since, row.id);
    if (recent >= deps.config.SWITCHBOARD_EMAIL_SENDER_LIMIT_PER_HOUR) {
      return { ...none, status: 'ignored', classification, reason: 'rate_limited' };
    }
  }

  const senderContact = await findContactByIdentity(trx, ws, 'email', from.address);
  const decision = decideThread({
    byReference: await candidateByReference(trx, ws, parsed),
    byReplyToken: await candidateByReplyToken(trx, ws, [
      ...row.recipients,
      ...parsed.to.map((a) => a.address),
      ...parsed.cc.map((a) => a.address),
    ]),
    ...(await candidateBySubject(trx, ws, parsed.subject, from.address, senderContact?.id ?? null)),
  });

  const autoSubmitted = classification !== 'normal';
  const emailMeta = {
    messageId: row.message_id_header,
    from: from.address,
    fromName: from.name,
    to: parsed.to.map((a) => a.address),
    cc: parsed.cc.map((a) => a.address),
    subject: parsed.subject,
    inReplyTo: parsed.inReplyTo,
    references: parsed.references,
    inboundId: row.id,
    classification,
    stripped: false,
    ...(stored.skipped.length > 0 ? { skippedAttachments: stored.skipped } : {}),
  };

  if (autoSubmitted) {
    // Auto-replies and bounces on a live ticket become an internal note: seen by agents,
    // no reopen, no customer-visible effect, flagged so automations never answer them.
    if (decision.kind !== 'append') {
      return {
        ...none,
        status: 'ignored',
        classification,
        reason: decision.kind === 'follow_up' ? 'auto_on_closed' : classification,
      };
    }
    const label =
      classification === 'bounce' ? 'Bounce' : classification === 'bulk' ? 'Bulk mail' : 'Automatic reply';
    const text = truncate(
      `${label} from ${from.address}: ${parsed.subject || NO_SUBJECT}\n\n${parsed.text}`,
      MAX_TEXT,
    );
    const message = await addMessage(deps, trx, systemActor(ws, 'email'), {
      ticketId: decision.ticketId,
      message: {
        visibility: 'internal',
        author: 'me',
        bodyText: text,
        metadata: asMetadata({ email: emailMeta, autoSubmitted: true }),
      },
    });
    await recordMessageId(trx, {
      workspaceId: ws,
      messageIdHeader: row.message_id_header,
      ticketId: decision.ticketId,
      messageId: message.id,
      direction: 'in',
    });
    return {
      status: 'stored',
      classification,
      reason: 'auto_submitted_note',
      ticketId: decision.ticketId,
      messageId: message.id,
    };
  }

  const actorBase: Actor = {
    workspaceId: ws,
    type: 'contact',
    id: null,
    userId: null,
    role: null,
    via: 'email',
  };
  const contact =
    senderContact ??
    (await findOrCreateRequester(
      deps,
      trx,
      actorBase,
      { email: from.address, name: from.name || undefined },
      now,
    ));
  const actor: Actor = { ...actorBase, id: contact.id };

  const attachmentIds: string[] = [];
  const cidUrls = new Map<string, string>();
  for (const f of stored.files) {
    const id = deps.ids.next();
    await insertAttachment(trx, {
      id,
      workspace_id: ws,
      sha256: f.sha256,
      filename: f.filename,
      content_type: f.contentType,
      size_bytes: f.sizeBytes,
      created_at: now,
    });
    attachmentIds.push(id);
    if (f.contentId) cidUrls.set(f.contentId.toLowerCase(), `/api/v1/attachments/${id}/content`);
  }
  const body = bodyOf(parsed, cidUrls, attachmentIds.length > 0);
  const metadata = { email: { ...emailMeta, stripped: body.stripped } };

  let ticketId: string;
  let messageId: string;
  if (decision.kind === 'append') {
    const message = await addMessage(deps, trx, actor, {
      ticketId: decision.ticketId,
      message: {
        visibility: 'public',
        author: 'requester',
        channel: 'email',
        ...body.input,
        attachmentIds,
        metadata: asMetadata(metadata),
      },
      authorContactId: contact.id,
    });
    ticketId = decision.ticketId;
    messageId = message.id;
  } else {
    const ticket = await createTicket(
      deps,
      trx,
      actor,
      {
        subject: parsed.subject || NO_SUBJECT,
        requester: { id: contact.id },
        message: { visibility: 'public', ...body.input, attachmentIds },
        channel: 'email',
        status: 'new',
        priority: 'normal',
        tags: [],
        customFields: {},
        teamId: mailbox?.team_id ?? null,
      },
      {
        messageMetadata: metadata,
        ...(decision.kind === 'follow_up' ? { followUpOfId: decision.closedTicketId } : {}),
      },
    );
    ticketId = ticket.id;
    const first = await trx
      .selectFrom('messages')
      .select('id')
      .where('workspace_id', '=', ws)
      .where('ticket_id', '=', ticket.id)
      .orderBy('created_at')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    messageId = first.id;
  }
  await recordMessageId(trx, {
    workspaceId: ws,
    messageIdHeader: row.message_id_header,
    ticketId,
    messageId,
    direction: 'in',
  });
  const reason =
    decision.kind === 'new_ticket'
      ? 'new_ticket'
      : decision.kind === 'follow_up'
        ? 'follow_up'
        : `threaded_by_${decision.via}`;
  return { status: 'stored', classification, reason, ticketId, messageId };
}

/**
 * The body to store: the quoted history cut off when there was one (the original .eml keeps
 * it), else the sanitised HTML with `cid:` images pointing at their attachments.
 */
function bodyOf(
  parsed: ParsedEmail,
  cidUrls: Map<string, string>,
  hasAttachments: boolean,
): { input: { bodyText?: string; bodyHtml?: string }; stripped: boolean } {
  const stripped = stripQuotedReply(parsed.text);
  if (stripped.stripped) return { input: { bodyText: truncate(stripped.text, MAX_TEXT) }, stripped: true };
  if (parsed.html) {
    const html = parsed.html.replace(
      /(\ssrc=["'])cid:([^"']+)(["'])/gi,
      (all, pre: string, cid: string, post: string) => {
        const url = cidUrls.get(decodeURIComponent(cid).toLowerCase());
        return url ? `${pre}${url}${post}` : all;
      },
    );
    if (parsed.text !== '' || hasAttachments) {
      return {
        input: { bodyHtml: truncate(html, MAX_HTML), bodyText: truncate(parsed.text, MAX_TEXT) },
        stripped: false,
      };
    }
  }
  if (parsed.text === '' && !hasAttachments)
    return { input: { bodyText: '(empty message)' }, stripped: false };
  return { input: { bodyText: truncate(parsed.text, MAX_TEXT) }, stripped: false };
}

/**
 * Message metadata is nested JSON (`metadata.email`); the API's input schema only allows flat
 * attributes, which do not bind commands called from here.
 */
function asMetadata(value: Record<string, unknown>): CreateMessageInput['metadata'] {
  return value as CreateMessageInput['metadata'];
}

function truncate(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) : s;
}

async function followMerges(
  trx: Kysely<DB>,
  ws: string,
  ticket: TicketRecord | undefined,
): Promise<ThreadCandidate | null> {
  let t = ticket;
  for (let i = 0; t?.merged_into_id && i < 10; i++) t = await findTicket(trx, ws, t.merged_into_id);
  return t ? { ticketId: t.id, status: t.status } : null;
}

async function candidateByReference(
  trx: Kysely<DB>,
  ws: string,
  parsed: ParsedEmail,
): Promise<ThreadCandidate | null> {
  const ids = [parsed.inReplyTo, ...[...parsed.references].reverse()].filter((id): id is string =>
    Boolean(id),
  );
  const ticketId = await findTicketIdByMessageIds(trx, ws, ids);
  return ticketId ? followMerges(trx, ws, await findTicket(trx, ws, ticketId)) : null;
}

async function candidateByReplyToken(
  trx: Kysely<DB>,
  ws: string,
  addresses: string[],
): Promise<ThreadCandidate | null> {
  const tags = plusTagsOf(addresses);
  if (tags.length === 0) return null;
  const key = await replyTokenKeyOf(trx, ws);
  for (const tag of tags) {
    const ticketId = verifyReplyToken(key, tag);
    if (!ticketId) continue;
    const found = await followMerges(trx, ws, await findTicket(trx, ws, ticketId));
    if (found) return found;
  }
  return null;
}

async function candidateBySubject(
  trx: Kysely<DB>,
  ws: string,
  subject: string,
  fromAddress: string,
  senderContactId: string | null,
): Promise<{ bySubjectNumber: ThreadCandidate | null; senderKnownToSubjectTicket: boolean }> {
  const n = extractTicketNumberFromSubject(subject);
  const ticket = n === null ? undefined : await findTicketByNumber(trx, ws, n);
  if (!ticket) return { bySubjectNumber: null, senderKnownToSubjectTicket: false };
  const known =
    (senderContactId !== null && ticket.requester_id === senderContactId) ||
    (await senderWroteToTicket(trx, ws, ticket.id, fromAddress));
  return { bySubjectNumber: await followMerges(trx, ws, ticket), senderKnownToSubjectTicket: known };
}
