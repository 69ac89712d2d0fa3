/**
 * The built-in inbound SMTP server (an MX, so no AUTH): RCPT TO is accepted only for an
 * address that maps to a mailbox (`local+token@domain` maps to `local@domain`), DATA is read
 * up to SWITCHBOARD_EMAIL_MAX_BYTES and handed to the inbound pipeline, and the 250 is sent
 * only after the mail is committed. When storing fails the sender gets a 451 and retries:
 * the Message-ID makes the retry harmless, and nothing is lost in between.
 * STARTTLS is offered when a certificate and key are configured.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream } from 'smtp-server';
import type { Deps } from '../../platform/deps.ts';
import { ingestRawEmail } from './ingest-raw-email.ts';
import { findMailboxByAddress } from './mailboxes.repository.ts';
import { recipientLookupAddresses } from './smtp-recipients.ts';

export type InboundSmtpServer = {
  host: string;
  port: number;
  /** Stops accepting, lets transactions in flight finish (up to a few seconds), then closes. */
  close(): Promise<void>;
};

export type SmtpServerOptions = {
  port: number;
  host: string;
  maxBytes: number;
  maxClients: number;
  socketTimeoutMs: number;
  tls?: { key: Buffer; cert: Buffer } | undefined;
  /** How long close() waits for open connections before cutting them. */
  closeTimeoutMs?: number;
  log?: Logger | undefined;
};

type MailboxRef = { id: string; workspaceId: string };

class SmtpReply extends Error {
  responseCode: number;
  constructor(code: number, message: string) {
    super(message);
    this.responseCode = code;
  }
}

/** Options from the configuration; null when the SMTP server is off (port 0). */
export function smtpOptionsFromConfig(config: Deps['config'], log?: Logger): SmtpServerOptions | null {
  if (!config.SWITCHBOARD_SMTP_PORT) return null;
  const certFile = config.SWITCHBOARD_SMTP_TLS_CERT_FILE;
  const keyFile = config.SWITCHBOARD_SMTP_TLS_KEY_FILE;
  if (Boolean(certFile) !== Boolean(keyFile)) {
    throw new Error('SWITCHBOARD_SMTP_TLS_CERT_FILE and SWITCHBOARD_SMTP_TLS_KEY_FILE must be set together');
  }
  return {
    port: config.SWITCHBOARD_SMTP_PORT,
    host: config.SWITCHBOARD_SMTP_HOST,
    maxBytes: config.SWITCHBOARD_EMAIL_MAX_BYTES,
    maxClients: config.SWITCHBOARD_SMTP_MAX_CLIENTS,
    socketTimeoutMs: config.SWITCHBOARD_SMTP_SOCKET_TIMEOUT_SECONDS * 1000,
    tls: certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : undefined,
    log,
  };
}

export async function startSmtpServer(deps: Deps, options: SmtpServerOptions): Promise<InboundSmtpServer> {
  const { log } = options;
  // The mailbox each accepted recipient maps to (keyed by smtp-server's address object,
  // which is what the envelope holds when DATA arrives).
  const mailboxOf = new WeakMap<SMTPServerAddress, MailboxRef>();

  const resolveRecipient = async (address: string): Promise<MailboxRef | null> => {
    for (const candidate of recipientLookupAddresses(address)) {
      const mailbox = await findMailboxByAddress(deps.db, candidate);
      if (mailbox) return { id: mailbox.id, workspaceId: mailbox.workspace_id };
    }
    return null;
  };

  const server = new SMTPServer({
    name: hostname(),
    banner: 'Switchboard ESMTP',
    logger: false,
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    hideSTARTTLS: !options.tls,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    size: options.maxBytes,
    maxClients: options.maxClients,
    socketTimeout: options.socketTimeoutMs,
    closeTimeout: options.closeTimeoutMs ?? 10_000,
    maxRecipients: 100,
    disableReverseLookup: true,
    onRcptTo(address, _session, callback) {
      resolveRecipient(address.address).then(
        (mailbox) => {
          if (!mailbox) {
            callback(new SmtpReply(550, `5.1.1 <${address.address}>: no such mailbox here`));
            return;
          }
          mailboxOf.set(address, mailbox);
          callback();
        },
        (error: unknown) => {
          log?.error({ err: error }, 'smtp: recipient lookup failed');
          callback(new SmtpReply(451, '4.3.0 Temporary failure, try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      readLimited(stream, options.maxBytes)
        .then(async (raw) => {
          if (raw === null) {
            throw new SmtpReply(552, `5.3.4 Message exceeds the maximum size of ${options.maxBytes} bytes`);
          }
          // One delivery per workspace the recipients belong to (usually exactly one).
          const byWorkspace = new Map<string, { mailboxId: string; recipients: string[] }>();
          for (const rcpt of session.envelope.rcptTo) {
            const mailbox = mailboxOf.get(rcpt) ?? (await resolveRecipient(rcpt.address));
            if (!mailbox) continue;
            const entry = byWorkspace.get(mailbox.workspaceId);
            if (entry) entry.recipients.push(rcpt.address);
            else byWorkspace.set(mailbox.workspaceId, { mailboxId: mailbox.id, recipients: [rcpt.address] });
          }
          if (byWorkspace.size === 0) throw new SmtpReply(554, '5.5.1 No valid recipients');
          const ids: string[] = [];
          for (const [workspaceId, entry] of byWorkspace) {
            try {
              const result = await ingestRawEmail(deps, {
                workspaceId,
                raw,
                source: 'smtp',
                recipients: entry.recipients,
                mailboxId: entry.mailboxId,
              });
              ids.push(result.inboundId);
            } catch (error) {
              log?.error({ err: error, session: session.id }, 'smtp: storing inbound mail failed');
              throw new SmtpReply(451, '4.3.0 Could not store the message, try again later');
            }
          }
          return ids;
        })
        .then(
          (ids) => callback(null, `2.0.0 Stored as ${ids.join(', ')}`),
          (error: unknown) => {
            if (error instanceof SmtpReply) callback(error);
            else {
              log?.error({ err: error }, 'smtp: DATA failed');
              callback(new SmtpReply(451, '4.3.0 Temporary failure, try again later'));
            }
          },
        );
    },
  });
  server.on('error', (error) => log?.warn({ err: error }, 'smtp: connection error'));

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  let closing: Promise<void> | null = null;
  return {
    host: options.host,
    port,
    close: () => {
      closing ??= new Promise<void>((resolve) => server.close(() => resolve()));
      return closing;
    },
  };
}

/** The whole message, or null when it went over `maxBytes` (the rest is drained, not kept). */
function readLimited(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    stream.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    stream.once('error', reject);
    stream.once('end', () => resolve(over || stream.sizeExceeded ? null : Buffer.concat(chunks, size)));
  });
}
