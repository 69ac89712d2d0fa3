/**
 * Sends one queued outbound mail over SMTP (nodemailer) and records the outcome, outside any
 * transaction. A 5xx answer is permanent: the mail fails at once with the server's words. A
 * 4xx answer or a network error is retried (by pg-boss, or by the sweep) until the last
 * attempt, then fails with the reason. The notification a mail delivers follows its state.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Deps } from '../../../platform/deps.ts';
import { SMTP_NOT_CONFIGURED } from './queue-outbound-email.ts';

export type SendOutcome = 'sent' | 'retry' | 'failed' | 'not_configured' | 'settled';
export type SendDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'attachments'>;

const transports = new Map<string, Transporter>();

function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport({
      url,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
    transports.set(url, transport);
  }
  return transport;
}

/** Closes the cached SMTP transports (tests and shutdown). */
export function closeOutboundTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}

type SmtpError = Error & { responseCode?: number; response?: string };

export function isPermanentSmtpError(error: unknown): boolean {
  const code = (error as SmtpError).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

const angle = (id: string) => `<${id}>`;

export async function sendOutboundEmail(
  deps: SendDeps,
  outboundId: string,
  options: { isLastAttempt: boolean },
): Promise<SendOutcome> {
  const row = await deps.db
    .selectFrom('outbound_emails')
    .selectAll()
    .where('id', '=', outboundId)
    .executeTakeFirst();
  if (row?.status !== 'queued') return 'settled';
  const url = deps.config.SWITCHBOARD_SMTP_OUTBOUND_URL;
  if (!url) {
    await deps.db
      .updateTable('outbound_emails')
      .set({ last_error: SMTP_NOT_CONFIGURED, sweep_after: deps.clock.now() })
      .where('id', '=', row.id)
      .where('status', '=', 'queued')
      .execute();
    return 'not_configured';
  }
  const files = row.message_id
    ? await deps.db
        .selectFrom('attachments')
        .select(['filename', 'content_type', 'sha256'])
        .where('workspace_id', '=', row.workspace_id)
        .where('message_id', '=', row.message_id)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    : [];
  const attempts = row.attempts + 1;
  try {
    const info = await transportFor(url).sendMail({
      from: row.from_name ? { name: row.from_name, address: row.from_address } : row.from_address,
      to: row.to_addresses,
      ...(row.cc_addresses.length > 0 ? { cc: row.cc_addresses } : {}),
      ...(row.reply_to ? { replyTo: row.reply_to } : {}),
      subject: row.subject,
      text: row.body_text,
      html: row.body_html,
      messageId: angle(row.message_id_header),
      ...(row.in_reply_to ? { inReplyTo: angle(row.in_reply_to) } : {}),
      ...(row.reference_ids.length > 0 ? { references: row.reference_ids.map(angle) } : {}),
      headers: row.automatic ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } : {},
      attachments: files.map((f) => ({
        filename: f.filename,
        contentType: f.content_type,
        content: deps.attachments.open(f.sha256),
      })),
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    const now = deps.clock.now();
    await settle(deps, row.id, row.notification_id, {
      status: 'sent',
      attempts,
      last_error: null,
      smtp_response: String(info.response ?? ''),
      sent_at: now,
    });
    return 'sent';
  } catch (error) {
    const e = error as SmtpError;
    const reason = e.response ?? e.message;
    if (isPermanentSmtpError(e) || options.isLastAttempt) {
      await settle(deps, row.id, row.notification_id, {
        status: 'failed',
        attempts,
        last_error: reason,
        smtp_response: e.response ?? null,
        sent_at: null,
      });
      return 'failed';
    }
    await deps.db
      .updateTable('outbound_emails')
      .set({ attempts, last_error: reason, smtp_response: e.response ?? null })
      .where('id', '=', row.id)
      .execute();
    return 'retry';
  }
}

async function settle(
  deps: SendDeps,
  id: string,
  notificationId: string | null,
  outcome: {
    status: 'sent' | 'failed';
    attempts: number;
    last_error: string | null;
    smtp_response: string | null;
    sent_at: Date | null;
  },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbound_emails')
      .set({ ...outcome, sweep_after: null })
      .where('id', '=', id)
      .execute();
    if (notificationId) {
      await trx
        .updateTable('notifications')
        .set({ status: outcome.status, error: outcome.last_error, sent_at: outcome.sent_at })
        .where('id', '=', notificationId)
        .execute();
    }
  });
}
