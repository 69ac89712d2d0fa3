/**
 * The outbound part of the periodic sweep (one instance per tick, see background.ts):
 * 1. chats nobody answered in SWITCHBOARD_CHAT_EMAIL_FALLBACK_MINUTES whose visitor left an
 *    address continue by email: once per ticket (the fallback row's primary key), with the
 *    transcript, a `ticket.channel_fallback` event, and later public replies mailed too (chats
 *    whose customer last wrote over a day ago are history, never mailed);
 * 2. pending notifications of the last day filed without a mail get one;
 * 3. queued mails no job owns (no job queue when they were filed, SMTP configured since, a
 *    lapsed lease) get a job, or are sent here when there is no job queue.
 * Rows are claimed with SKIP LOCKED, so overlapping sweeps never take the same one.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { systemActor } from '../../../platform/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { appendEvents } from '../../events/events.repository.ts';
import { senderOfTicket } from './outbound-mailbox.ts';
import { fallbackBody, mailLocaleOf, mailSubject, type TranscriptLine } from './outbound-templates.ts';
import { OUTBOUND_QUEUE_DEFINITION } from './outbound-worker.ts';
import { queueStrayNotifications } from './queue-notification-email.ts';
import { OUTBOUND_QUEUE, queueOutboundEmail, requesterAddress, threadOf } from './queue-outbound-email.ts';
import { sendOutboundEmail } from './send-outbound-email.ts';

export type OutboundSweepDeps = Pick<Deps, 'db' | 'clock' | 'ids' | 'config' | 'attachments' | 'jobs'>;
export type OutboundSweepResult = { fallbacks: number; notifications: number; mails: number; sent: number };

const BATCH = 100;
/** A sweep sending without a job queue holds a mail this long before another may retry it. */
const LEASE_MS = 10 * 60_000;
/** Chats and notifications older than this are history: never mailed by the sweep. */
const STALE_MS = 24 * 3_600_000;

export async function sweepOutbound(deps: OutboundSweepDeps): Promise<OutboundSweepResult> {
  const fallbacks = await sweepChatFallbacks(deps);
  const notifications = await deps.db
    .transaction()
    .execute((trx) =>
      queueStrayNotifications(deps, trx, BATCH, new Date(deps.clock.now().getTime() - STALE_MS)),
    );
  const { mails, sent } = await sweepQueuedMails(deps);
  return { fallbacks, notifications, mails, sent };
}

async function sweepQueuedMails(deps: OutboundSweepDeps): Promise<{ mails: number; sent: number }> {
  if (!deps.config.SWITCHBOARD_SMTP_OUTBOUND_URL) return { mails: 0, sent: 0 };
  const now = deps.clock.now();
  const claimed = await deps.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('outbound_emails')
      .select(['id', 'workspace_id', 'attempts'])
      .where('status', '=', 'queued')
      .where('sweep_after', '<=', now)
      .orderBy('sweep_after')
      .limit(BATCH)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return rows;
    const jobs = deps.jobs;
    await trx
      .updateTable('outbound_emails')
      .set({ sweep_after: jobs ? null : new Date(now.getTime() + LEASE_MS) })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    if (jobs) {
      for (const r of rows)
        await jobs.send(trx, OUTBOUND_QUEUE, { workspaceId: r.workspace_id, outboundId: r.id });
    }
    return rows;
  });
  if (deps.jobs) return { mails: claimed.length, sent: 0 };
  // No job queue: send here, one by one, retrying on later sweeps with a growing delay.
  let sent = 0;
  const maxAttempts = OUTBOUND_QUEUE_DEFINITION.retryLimit + 1;
  for (const r of claimed) {
    const outcome = await sendOutboundEmail(deps, r.id, { isLastAttempt: r.attempts + 1 >= maxAttempts });
    if (outcome === 'sent') sent++;
    if (outcome === 'retry') {
      const delayMs = OUTBOUND_QUEUE_DEFINITION.retryDelaySeconds * 1000 * 2 ** r.attempts;
      await deps.db
        .updateTable('outbound_emails')
        .set({ sweep_after: new Date(deps.clock.now().getTime() + delayMs) })
        .where('id', '=', r.id)
        .where('status', '=', 'queued')
        .execute();
    }
  }
  return { mails: claimed.length, sent };
}

/** Chats waiting for an agent longer than the fallback delay, whose requester has an address. */
async function sweepChatFallbacks(deps: OutboundSweepDeps): Promise<number> {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - deps.config.SWITCHBOARD_CHAT_EMAIL_FALLBACK_MINUTES * 60_000);
  const due = await deps.db
    .selectFrom('tickets as t')
    .select(['t.id', 't.workspace_id'])
    .where('t.channel', '=', 'chat')
    .where('t.deleted_at', 'is', null)
    .where('t.status', 'not in', ['solved', 'closed'])
    .where('t.last_customer_message_at', '<=', cutoff)
    // A live chat, not history (imported or older than the feature).
    .where('t.last_customer_message_at', '>', new Date(now.getTime() - STALE_MS))
    .where((eb) =>
      eb.or([
        eb('t.last_agent_message_at', 'is', null),
        eb('t.last_agent_message_at', '<', eb.ref('t.last_customer_message_at')),
      ]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('ticket_email_fallbacks as f')
            .select('f.ticket_id')
            .whereRef('f.ticket_id', '=', 't.id'),
        ),
      ),
    )
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('contact_identities as c')
          .select('c.id')
          .whereRef('c.workspace_id', '=', 't.workspace_id')
          .whereRef('c.contact_id', '=', 't.requester_id')
          .where('c.kind', '=', 'email'),
      ),
    )
    .orderBy('t.last_customer_message_at')
    .limit(BATCH)
    .execute();
  let count = 0;
  for (const t of due) {
    const done = await deps.db
      .transaction()
      .execute((trx) => fallBackToEmail(deps, trx, t.workspace_id, t.id, now));
    if (done) count++;
  }
  return count;
}

async function fallBackToEmail(
  deps: OutboundSweepDeps,
  trx: Kysely<DB>,
  ws: string,
  ticketId: string,
  now: Date,
): Promise<boolean> {
  const ticket = await trx
    .selectFrom('tickets')
    .select(['id', 'number', 'subject', 'language', 'requester_id', 'channel'])
    .where('workspace_id', '=', ws)
    .where('id', '=', ticketId)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (!ticket) return false;
  const address = await requesterAddress(trx, ws, ticket.requester_id);
  if (!address) return false;
  const claimed = await trx
    .insertInto('ticket_email_fallbacks')
    .values({ ticket_id: ticket.id, workspace_id: ws, address, created_at: now })
    .onConflict((oc) => oc.column('ticket_id').doNothing())
    .returning('ticket_id')
    .executeTakeFirst();
  if (!claimed) return false;
  await appendEvents(trx, systemActor(ws), now, [
    {
      subjectType: 'ticket',
      subjectId: ticket.id,
      type: 'ticket.channel_fallback',
      data: { from: ticket.channel, to: 'email', address },
    },
  ]);
  const messages = await trx
    .selectFrom('messages as m')
    .leftJoin('contacts as c', (j) => j.onRef('c.id', '=', 'm.author_id').on('m.author_type', '=', 'contact'))
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'm.author_id').on('m.author_type', '=', 'agent'))
    .select(['m.author_type', 'm.body_text', 'm.created_at', 'c.name as contact_name', 'u.name as user_name'])
    .where('m.workspace_id', '=', ws)
    .where('m.ticket_id', '=', ticket.id)
    .where('m.visibility', '=', 'public')
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  const lines: TranscriptLine[] = messages.map((m) => ({
    fromCustomer: m.author_type === 'contact',
    name: m.author_type === 'contact' ? (m.contact_name ?? null) : (m.user_name ?? null),
    at: m.created_at,
    text: m.body_text,
  }));
  const contact = await trx
    .selectFrom('contacts')
    .select('language')
    .where('workspace_id', '=', ws)
    .where('id', '=', ticket.requester_id)
    .executeTakeFirst();
  const sender = await senderOfTicket(trx, deps.config, ws, ticket);
  const thread = await threadOf(trx, ws, ticket.id);
  await queueOutboundEmail(deps, trx, {
    workspaceId: ws,
    ticketId: ticket.id,
    messageId: null,
    notificationId: null,
    kind: 'fallback',
    sender,
    to: [address],
    subject: mailSubject(String(ticket.number), ticket.subject, false),
    body: fallbackBody(mailLocaleOf(ticket.language, contact?.language), {
      lines,
      signature: sender.signature,
      ticketNumber: String(ticket.number),
    }),
    inReplyTo: thread.inReplyTo,
    references: thread.references,
    automatic: true,
    threads: true,
  });
  return true;
}
