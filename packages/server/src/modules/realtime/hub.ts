/**
 * The agent sockets of this instance: their subscriptions, presence, limits and heartbeat.
 * The hub subscribes to a bus topic once, however many sockets follow it, and serializes
 * each message once for all of them (fan-out to thousands of sockets is a loop of send()).
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { IdGenerator } from '../../platform/ids.ts';
import type { RealtimeBus, RealtimePayload } from '../../platform/realtime-bus.ts';
import { createPresence, type Presence } from './presence.ts';
import {
  type ClientMessage,
  clientMessageSchema,
  closeCodes,
  type ProtocolError,
  toProtocolError,
} from './protocol.ts';

export type HubLimits = {
  /** Subscriptions one socket may hold. */
  maxSubscriptions: number;
  /** Token bucket per socket: burst size and refill per second; an empty bucket closes 1008. */
  messageBurst: number;
  messagesPerSecond: number;
  /** A socket whose unsent buffer exceeds this is dropped (it cannot keep up). */
  maxBufferedBytes: number;
  /** Ping interval; a socket that did not answer the previous ping is terminated. */
  heartbeatMs: number;
  /** Presence entries expire this long after their last heartbeat. */
  presenceTtlMs: number;
};

export const defaultHubLimits: HubLimits = {
  maxSubscriptions: 200,
  messageBurst: 40,
  messagesPerSecond: 20,
  maxBufferedBytes: 1024 * 1024,
  heartbeatMs: 30_000,
  presenceTtlMs: 30_000,
};

type Connection = {
  id: string;
  socket: WebSocket;
  workspaceId: string;
  userId: string;
  userName: string;
  topics: Set<string>;
  /** Tickets this socket has proven to be in its workspace. */
  tickets: Set<string>;
  tokens: number;
  refilledAt: number;
  alive: boolean;
  /** Which tenth of the heartbeat interval pings this socket. */
  slot: number;
  queue: Promise<void>;
};

export type Hub = {
  accept(socket: WebSocket, actor: Actor, userName: string): void;
  connectionCount(): number;
  presence: Presence;
  close(): Promise<void>;
};

export function createHub(deps: {
  db: Kysely<DB>;
  bus: RealtimeBus;
  clock: Clock;
  ids: IdGenerator;
  log?: Logger | null;
  limits?: Partial<HubLimits>;
}): Hub {
  const limits = { ...defaultHubLimits, ...deps.limits };
  const { db, bus } = deps;
  const connections = new Set<Connection>();
  const followers = new Map<string, { sockets: Set<Connection>; unsubscribe: () => void }>();
  const presence = createPresence({
    db,
    bus,
    clock: deps.clock,
    ttlMs: limits.presenceTtlMs,
    onError: (error) => deps.log?.error({ err: error }, 'realtime presence failed'),
  });

  const send = (conn: Connection, text: string | Buffer) => {
    const { socket } = conn;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > limits.maxBufferedBytes) {
      drop(conn, closeCodes.tryAgainLater, 'too slow: messages are piling up');
      return;
    }
    socket.send(text, { binary: false });
  };
  const sendJson = (conn: Connection, value: object) => send(conn, JSON.stringify(value));

  const drop = (conn: Connection, code: number, reason: string) => {
    const { socket } = conn;
    // Off every topic at once: nothing more is queued for it.
    onClose(conn);
    if (socket.readyState === socket.OPEN) socket.close(code, reason);
    // A peer that stopped reading may never take the close frame either.
    setTimeout(() => socket.terminate(), 2_000).unref();
  };

  const fanOut = (topic: string) => (payload: RealtimePayload) => {
    const entry = followers.get(topic);
    if (!entry) return;
    // Encoded once: ws would otherwise turn the string into bytes again for every socket.
    const data = Buffer.from(JSON.stringify({ topic, ...payload }));
    for (const conn of entry.sockets) send(conn, data);
  };

  const follow = (conn: Connection, topic: string) => {
    if (conn.topics.has(topic)) return;
    conn.topics.add(topic);
    let entry = followers.get(topic);
    if (!entry) {
      entry = { sockets: new Set(), unsubscribe: bus.subscribe(topic, fanOut(topic)) };
      followers.set(topic, entry);
    }
    entry.sockets.add(conn);
  };
  const unfollow = (conn: Connection, topic: string) => {
    conn.topics.delete(topic);
    const entry = followers.get(topic);
    if (!entry) return;
    entry.sockets.delete(conn);
    if (entry.sockets.size === 0) {
      entry.unsubscribe();
      followers.delete(topic);
    }
  };

  /** Tickets among `ids` that are not (live) tickets of the socket's workspace. */
  const foreignTickets = async (conn: Connection, ids: string[]): Promise<string[]> => {
    const unknown = [...new Set(ids.filter((id) => !conn.tickets.has(id)))];
    if (unknown.length === 0) return [];
    const rows = await db
      .selectFrom('tickets')
      .select('id')
      .where('workspace_id', '=', conn.workspaceId)
      .where('id', 'in', unknown)
      .where('deleted_at', 'is', null)
      .execute();
    for (const row of rows) conn.tickets.add(row.id);
    return unknown.filter((id) => !conn.tickets.has(id));
  };

  const error = (code: string, pointer: string, message: string): ProtocolError => ({
    type: 'error',
    code,
    pointer,
    message,
  });

  const handle = async (conn: Connection, message: ClientMessage): Promise<ProtocolError | null> => {
    switch (message.type) {
      case 'ping':
        sendJson(conn, { type: 'pong' });
        return null;
      case 'subscribe': {
        // A socket dropped while this message waited in its queue subscribes to nothing.
        if (!connections.has(conn)) return null;
        const topics = [...new Set(message.topics.map((t) => t.toLowerCase()))];
        for (const [i, topic] of topics.entries()) {
          if (topic.startsWith('ws:') && topic !== `ws:${conn.workspaceId}`) {
            return error('AUTH_FORBIDDEN', `/topics/${i}`, 'That workspace is not yours.');
          }
        }
        const ticketOf = (topic: string) => topic.slice(topic.indexOf(':') + 1);
        const ticketTopics = topics.filter((t) => !t.startsWith('ws:'));
        const foreign = await foreignTickets(conn, ticketTopics.map(ticketOf));
        if (foreign.length > 0) {
          const i = topics.findIndex((t) => !t.startsWith('ws:') && foreign.includes(ticketOf(t)));
          return error('TICKET_NOT_FOUND', `/topics/${i}`, 'No such ticket in your workspace.');
        }
        if (!connections.has(conn)) return null;
        const added = topics.filter((t) => !conn.topics.has(t));
        if (conn.topics.size + added.length > limits.maxSubscriptions) {
          return error(
            'VALIDATION_FAILED',
            '/topics',
            `At most ${limits.maxSubscriptions} subscriptions per socket.`,
          );
        }
        for (const topic of added) follow(conn, topic);
        sendJson(conn, { type: 'subscribed', topics });
        for (const topic of topics.filter((t) => t.startsWith('ticket:'))) {
          const ticketId = ticketOf(topic);
          sendJson(conn, {
            type: 'presence.list',
            topic,
            ticketId,
            entries: await presence.list(conn.workspaceId, ticketId),
          });
        }
        return null;
      }
      case 'unsubscribe': {
        const topics = [...new Set(message.topics.map((t) => t.toLowerCase()))];
        for (const topic of topics) unfollow(conn, topic);
        sendJson(conn, { type: 'unsubscribed', topics });
        return null;
      }
      case 'presence':
      case 'typing': {
        const ticketId = message.ticketId.toLowerCase();
        if ((await foreignTickets(conn, [ticketId])).length > 0) {
          return error('TICKET_NOT_FOUND', '/ticketId', 'No such ticket in your workspace.');
        }
        if (!connections.has(conn)) return null;
        if (message.type === 'presence') {
          if (message.state === 'left') await presence.leave(conn.id, ticketId);
          else await presence.set(owner(conn), ticketId, message.state);
          return null;
        }
        const typing = {
          type: 'typing',
          ticketId,
          connectionId: conn.id,
          userId: conn.userId,
          userName: conn.userName,
        };
        await bus.publish(`ticket:${ticketId}`, typing);
        if (message.public) {
          await bus.publish(`conversation:${ticketId}`, {
            type: 'typing',
            ticketId,
            who: 'agent',
            name: conn.userName,
          });
        }
        return null;
      }
    }
  };

  const owner = (conn: Connection) => ({
    connectionId: conn.id,
    workspaceId: conn.workspaceId,
    userId: conn.userId,
    userName: conn.userName,
  });

  /** Token bucket: false when the socket sent more than its budget. */
  const spend = (conn: Connection): boolean => {
    const now = Date.now();
    conn.tokens = Math.min(
      limits.messageBurst,
      conn.tokens + ((now - conn.refilledAt) / 1000) * limits.messagesPerSecond,
    );
    conn.refilledAt = now;
    if (conn.tokens < 1) return false;
    conn.tokens -= 1;
    return true;
  };

  const onMessage = (conn: Connection, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
    if (!connections.has(conn)) return; // dropped: frames still in flight are ignored
    conn.alive = true;
    if (!spend(conn)) {
      drop(conn, closeCodes.policyViolation, 'rate limit exceeded');
      return;
    }
    if (isBinary) {
      sendJson(conn, error('REQUEST_MALFORMED', '', 'Send JSON text frames.'));
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
    } catch {
      sendJson(conn, error('REQUEST_MALFORMED', '', 'The message is not valid JSON.'));
      return;
    }
    const result = clientMessageSchema.safeParse(parsed);
    if (!result.success) {
      sendJson(conn, toProtocolError(result.error));
      return;
    }
    // One message at a time per socket, so that replies keep the order of requests.
    conn.queue = conn.queue.then(async () => {
      try {
        const failure = await handle(conn, result.data);
        if (failure) sendJson(conn, failure);
      } catch (err) {
        deps.log?.error({ err }, 'realtime message failed');
        sendJson(conn, error('INTERNAL_ERROR', '', 'The server could not handle that message.'));
      }
    });
  };

  const onClose = (conn: Connection) => {
    if (!connections.delete(conn)) return;
    for (const topic of [...conn.topics]) unfollow(conn, topic);
    conn.queue = conn.queue.then(() =>
      presence.leave(conn.id).catch((err) => deps.log?.error({ err }, 'realtime presence cleanup failed')),
    );
  };

  // Each socket is pinged once per heartbeatMs, but the sockets are spread over ten slots
  // so that 10,000 sockets do not all get their ping (one write each) in the same tick.
  const SLOTS = 10;
  let tick = 0;
  const heartbeat = setInterval(() => {
    const slot = tick++ % SLOTS;
    for (const conn of connections) {
      if (conn.slot !== slot) continue;
      if (!conn.alive) {
        conn.socket.terminate();
        continue;
      }
      conn.alive = false;
      if (conn.socket.readyState === conn.socket.OPEN) conn.socket.ping();
    }
  }, limits.heartbeatMs / SLOTS);
  heartbeat.unref();
  let nextSlot = 0;

  const stopResync = bus.onResync(() => {
    const text = JSON.stringify({ type: 'resync', reason: 'realtime connection was interrupted; reload' });
    for (const conn of connections) send(conn, text);
  });

  return {
    presence,
    connectionCount: () => connections.size,
    accept(socket, actor, userName) {
      const conn: Connection = {
        id: deps.ids.next(),
        socket,
        workspaceId: actor.workspaceId,
        userId: actor.userId ?? '',
        userName,
        topics: new Set(),
        tickets: new Set(),
        tokens: limits.messageBurst,
        refilledAt: Date.now(),
        alive: true,
        slot: nextSlot++ % SLOTS,
        queue: Promise.resolve(),
      };
      connections.add(conn);
      socket.on('message', (data, isBinary) => onMessage(conn, data, isBinary));
      socket.on('pong', () => {
        conn.alive = true;
      });
      socket.on('close', () => onClose(conn));
      socket.on('error', () => socket.terminate());
      sendJson(conn, {
        type: 'hello',
        connectionId: conn.id,
        workspaceId: conn.workspaceId,
        userId: conn.userId,
        presenceTtlSeconds: limits.presenceTtlMs / 1000,
      });
    },
    async close() {
      clearInterval(heartbeat);
      stopResync();
      for (const conn of [...connections]) {
        conn.socket.close(closeCodes.goingAway, 'server shutting down');
        onClose(conn);
        await conn.queue;
      }
      for (const entry of followers.values()) entry.unsubscribe();
      followers.clear();
      await presence.close();
    },
  };
}
