/**
 * A real SMTP server on 127.0.0.1 (port 0) that keeps every mail it accepts, parsed, for the
 * outbound-mail tests. Each recipient address can be given a script of reply codes for the
 * end of DATA (451: try later, 550: refused): the first entries are used once each, the
 * last one for ever after; unscripted addresses get 250.
 */
import type { AddressInfo } from 'node:net';
import PostalMime, { type Email } from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export type SinkMail = {
  envelopeTo: string[];
  raw: string;
  parsed: Email;
  /** A header's raw value (first occurrence, unfolded), or undefined. */
  header(name: string): string | undefined;
};

export type SmtpSink = {
  url: string;
  port: number;
  mails: SinkMail[];
  /** Attempts per recipient, including refused ones. */
  attempts: Map<string, number>;
  script(address: string, codes: number[]): void;
  /** Resolves with the mails to `address` once there are `count` of them (fails after 60 s). */
  waitFor(address: string, count?: number): Promise<SinkMail[]>;
  /** Resolves with the first mail to `address` with this subject (fails after 60 s). */
  waitForSubject(address: string, subject: string): Promise<SinkMail>;
  close(): Promise<void>;
};

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SinkMail[] = [];
  const attempts = new Map<string, number>();
  const scripts = new Map<string, number[]>();
  const nextCode = (address: string): number => {
    const s = scripts.get(address);
    if (!s || s.length === 0) return 250;
    return (s.length > 1 ? s.shift() : s[0]) ?? 250;
  };
  const server = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: true,
    disabledCommands: ['AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const first = to[0] ?? '';
        attempts.set(first, (attempts.get(first) ?? 0) + 1);
        const code = nextCode(first);
        if (code !== 250) {
          const error = Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), {
            responseCode: code,
          });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        PostalMime.parse(raw).then(
          (parsed) => {
            const headers = raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
            mails.push({
              envelopeTo: to,
              raw,
              parsed,
              header: (name) =>
                new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(headers)?.[1]?.trim() ?? undefined,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const of = (address: string) => mails.filter((m) => m.envelopeTo.includes(address.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    attempts,
    script: (address, codes) => scripts.set(address.toLowerCase(), [...codes]),
    waitFor: async (address, count = 1) => {
      const deadline = Date.now() + 60_000;
      while (of(address).length < count) {
        if (Date.now() > deadline) {
          throw new Error(`the sink got ${of(address).length} of ${count} mails to ${address}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return of(address);
    },
    waitForSubject: async (address, subject) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const found = of(address).find((m) => m.parsed.subject === subject);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${address} with subject ${subject}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
