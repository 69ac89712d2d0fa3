/**
 * Delivers the notification outbox by email: each pending notification becomes one outbound
 * mail (kind notification, automatic) in the transaction that filed it (notify-effect.ts), or
 * in the sweep for any filed elsewhere. Agents and teams were resolved to users' addresses,
 * the requester to the contact's address, when the notification was filed.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, NotificationsTable } from '../../../db/schema.ts';
import type { Deps } from '../../../platform/deps.ts';
import { defaultSender, senderOfTicket } from './outbound-mailbox.ts';
import { mailLocaleOf, mailSubject, notificationBody } from './outbound-templates.ts';
import {
  latestInboundClassification,
  NOISE,
  type OutboundDeps,
  queueOutboundEmail,
  threadOf,
} from './queue-outbound-email.ts';

type NotificationRow = Selectable<NotificationsTable>;

export async function queueNotificationEmails(
  deps: OutboundDeps & Pick<Deps, 'config'>,
  trx: Kysely<DB>,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  const rows = await trx
    .selectFrom('notifications')
    .selectAll()
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .execute();
  for (const row of rows) await queueNotificationEmail(deps, trx, row);
}

async function queueNotificationEmail(
  deps: OutboundDeps & Pick<Deps, 'config'>,
  trx: Kysely<DB>,
  n: NotificationRow,
): Promise<void> {
  if (!n.recipient_address) return;
  const ws = n.workspace_id;
  const ticket = n.ticket_id
    ? await trx
        .selectFrom('tickets')
        .select(['id', 'number', 'subject', 'language', 'requester_id'])
        .where('workspace_id', '=', ws)
        .where('id', '=', n.ticket_id)
        .executeTakeFirst()
    : undefined;
  const toRequester = n.recipient_kind === 'requester' && ticket !== undefined;
  // Only mail to the customer can answer (and so loop with) the customer's mail.
  const answered = toRequester ? await latestInboundClassification(trx, ws, ticket.id) : null;
  const thread = toRequester ? await threadOf(trx, ws, ticket.id) : { inReplyTo: null, references: [] };
  const sender = ticket ? await senderOfTicket(trx, deps.config, ws, ticket) : defaultSender(deps.config);
  const locale = mailLocaleOf((n.cause as { locale?: string }).locale, ticket?.language);
  await queueOutboundEmail(deps, trx, {
    workspaceId: ws,
    ticketId: ticket?.id ?? null,
    messageId: null,
    notificationId: n.id,
    kind: 'notification',
    // Agents answer a notification in the app: their mail client must not reply to the ticket.
    sender: toRequester ? sender : { ...sender, replyTo: null, signature: '' },
    to: [n.recipient_address],
    subject: ticket ? mailSubject(String(ticket.number), n.subject, thread.inReplyTo !== null) : n.subject,
    body: notificationBody(locale, {
      bodyText: n.body_text,
      bodyHtml: n.body_html,
      ticketNumber: toRequester ? String(ticket.number) : null,
    }),
    inReplyTo: thread.inReplyTo,
    references: thread.references,
    automatic: true,
    skipReason: answered !== null && NOISE.has(answered) ? 'loop_protection' : null,
    threads: toRequester,
  });
}

/** Pending notifications no mail was filed for yet (filed outside notify-effect). */
export async function queueStrayNotifications(
  deps: OutboundDeps & Pick<Deps, 'config'>,
  trx: Kysely<DB>,
  limit: number,
  since: Date,
): Promise<number> {
  const rows = await trx
    .selectFrom('notifications as n')
    .select('n.id')
    .where('n.status', '=', 'pending')
    .where('n.recipient_address', 'is not', null)
    .where('n.created_at', '>', since)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(selectFrom('outbound_emails as o').select('o.id').whereRef('o.notification_id', '=', 'n.id')),
      ),
    )
    .orderBy('n.created_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  await queueNotificationEmails(
    deps,
    trx,
    rows.map((r) => r.id),
  );
  return rows.length;
}
