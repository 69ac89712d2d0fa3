/**
 * A real WebSocket client (ws) for realtime tests: collects every JSON message and lets a
 * test wait for the next one that matches. The wait has a generous guard so that a missing
 * message fails the test instead of hanging it; it is not a speed assertion.
 */
import WebSocket from 'ws';

export type Received = Record<string, unknown> & { type?: string; topic?: string };

export type RealtimeClient = {
  socket: WebSocket;
  messages: Received[];
  send(value: unknown): void;
  /** The first message (already received or still to come) that matches and was not taken yet. */
  next(match: (m: Received) => boolean, what?: string): Promise<Received>;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
};

const GUARD_MS = 15_000;

export function connectRealtime(url: string, headers: Record<string, string> = {}): Promise<RealtimeClient> {
  const socket = new WebSocket(url, { headers });
  const messages: Received[] = [];
  const taken = new Set<Received>();
  const waiters: { match: (m: Received) => boolean; resolve: (m: Received) => void }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Received;
    messages.push(message);
    const waiter = waiters.find((w) => w.match(message));
    if (waiter) {
      taken.add(message);
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(message);
    }
  });
  const client: RealtimeClient = {
    socket,
    messages,
    send: (value) => socket.send(typeof value === 'string' ? value : JSON.stringify(value)),
    next: (match, what = 'a matching message') => {
      const already = messages.find((m) => !taken.has(m) && match(m));
      if (already) {
        taken.add(already);
        return Promise.resolve(already);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(entry), 1);
          reject(
            new Error(
              `no ${what} within ${GUARD_MS} ms; got ${JSON.stringify(messages, null, 1).slice(0, 3000)}`,
            ),
          );
        }, GUARD_MS);
        const entry = {
          match,
          resolve: (m: Received) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        waiters.push(entry);
      });
    },
    closed,
    close: async () => {
      if (socket.readyState === WebSocket.CLOSED) return;
      socket.close();
      await closed;
    },
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () =>
        reject(
          Object.assign(new Error(`HTTP ${response.statusCode}: ${body}`), {
            status: response.statusCode,
            body,
          }),
        ),
      );
    });
    socket.once('error', reject);
  });
}
