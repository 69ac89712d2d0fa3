/**
 * A bare SMTP client speaking the protocol line by line, for the replies nodemailer hides
 * or avoids (a DATA body over the limit without a SIZE parameter, the exact reply codes).
 */
import { Socket } from 'node:net';

export type SmtpReply = { code: number; text: string };

export type RawSmtp = {
  greeting: SmtpReply;
  send(line: string): Promise<SmtpReply>;
  /** Sends the message after a 354 and returns the final reply (dot-stuffing applied). */
  data(raw: Buffer | string): Promise<SmtpReply>;
  close(): void;
};

export async function connectRawSmtp(port: number, host = '127.0.0.1'): Promise<RawSmtp> {
  const socket = new Socket();
  let buffer = '';
  const waiting: ((reply: SmtpReply) => void)[] = [];
  const ready: SmtpReply[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (;;) {
      // A reply ends with a line "NNN text" (no hyphen after the code).
      const match = /^(?:\d{3}-[^\n]*\n)*(\d{3})(?: [^\n]*)?\r?\n/.exec(buffer);
      if (!match) break;
      const reply = { code: Number(match[1]), text: match[0].trim() };
      buffer = buffer.slice(match[0].length);
      const next = waiting.shift();
      if (next) next(reply);
      else ready.push(reply);
    }
  });
  const nextReply = () =>
    new Promise<SmtpReply>((resolve, reject) => {
      const queued = ready.shift();
      if (queued) {
        resolve(queued);
        return;
      }
      const onClose = () => reject(new Error(`connection closed while waiting for a reply (${buffer})`));
      socket.once('close', onClose);
      waiting.push((reply) => {
        socket.off('close', onClose);
        resolve(reply);
      });
    });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.connect(port, host, () => resolve());
  });
  socket.on('error', () => {});
  const greeting = await nextReply();
  return {
    greeting,
    send: (line) => {
      socket.write(`${line}\r\n`);
      return nextReply();
    },
    data: async (raw) => {
      const text = (Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8')).toString('latin1');
      const stuffed = text.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
      socket.write(Buffer.from(stuffed.endsWith('\r\n') ? stuffed : `${stuffed}\r\n`, 'latin1'));
      socket.write('.\r\n');
      return nextReply();
    },
    close: () => socket.destroy(),
  };
}
