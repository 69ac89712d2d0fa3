/**
 * The RealtimeBus over PostgreSQL NOTIFY (server mode) or PGlite's in-process NOTIFY
 * (embedded mode). Two channels:
 * - `switchboard_events`: the trigger of migration 0005 announces each committed ticket
 *   event (a poke: ids only). Every instance loads the announced events it has local
 *   subscribers for and turns them into topic messages (event-messages.ts).
 * - `switchboard_realtime`: ephemeral messages from publish() (presence, typing, read
 *   receipts), whole in the payload, so they reach the other instances too.
 * Nothing is durable: while the LISTEN session is down, notifications are lost, so after a
 * reconnect the bus tells its resync listeners, and sockets ask their clients to reload.
 */
import { sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';
import {
  REALTIME_MAX_PAYLOAD_BYTES,
  type RealtimeBus,
  type RealtimeListener,
  type RealtimePayload,
} from '../../platform/realtime-bus.ts';
import { type Announcement, loadEventMessages } from './event-messages.ts';

export const EVENTS_CHANNEL = 'switchboard_events';
export const REALTIME_CHANNEL = 'switchboard_realtime';

export class RealtimePayloadTooLargeError extends Error {
  constructor(bytes: number) {
    super(`realtime payload of ${bytes} bytes exceeds ${REALTIME_MAX_PAYLOAD_BYTES}`);
    this.name = 'RealtimePayloadTooLargeError';
  }
}

export type RealtimeBusOptions = {
  log?: Logger | null;
  /** First reconnect delay after the LISTEN session drops (doubles up to maxBackoffMs). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** application_name of the LISTEN session (to find it in pg_stat_activity). */
  applicationName?: string;
};

export type RealtimeBusInternals = RealtimeBus & {
  /** Local subscriber count (for metrics and tests). */
  topicCount(): number;
};

type Envelope = { t: string; p: RealtimePayload };

export async function startRealtimeBus(
  database: Database,
  options: RealtimeBusOptions = {},
): Promise<RealtimeBusInternals> {
  const log = options.log ?? null;
  const topics = new Map<string, Set<RealtimeListener>>();
  const resyncListeners = new Set<() => void>();

  const dispatch = (topic: string, payload: RealtimePayload) => {
    const listeners = topics.get(topic);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        listener(payload);
      } catch (error) {
        log?.error({ err: error, topic }, 'realtime listener failed');
      }
    }
  };

  // Announcements are collected for one turn of the event loop, then loaded in one query
  // batch; batches run one after the other so that messages keep the commit order.
  let pending: Announcement[] = [];
  let flushing: Promise<void> = Promise.resolve();
  let scheduled = false;
  const hasSubscribers = (a: Announcement) =>
    topics.has(`ws:${a.w}`) || topics.has(`ticket:${a.t}`) || topics.has(`conversation:${a.t}`);
  const flush = () => {
    scheduled = false;
    const batch = pending.filter(hasSubscribers);
    pending = [];
    if (batch.length === 0) return;
    flushing = flushing.then(async () => {
      try {
        for (const { topic, payload } of await loadEventMessages(database.db, batch))
          dispatch(topic, payload);
      } catch (error) {
        log?.error({ err: error }, 'realtime: loading announced events failed');
      }
    });
  };
  const onEventNotification = (raw: string) => {
    const announcement = parseAnnouncement(raw);
    if (!announcement) return;
    pending.push(announcement);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  const onRealtimeNotification = (raw: string) => {
    try {
      const envelope = JSON.parse(raw) as Envelope;
      if (typeof envelope.t === 'string' && envelope.p && typeof envelope.p === 'object') {
        dispatch(envelope.t, envelope.p);
      }
    } catch {
      // Not ours (another application on the same database): ignore.
    }
  };

  const connection = database.pglite
    ? await listenPglite(database, onEventNotification, onRealtimeNotification)
    : await listenPostgres(database, onEventNotification, onRealtimeNotification, {
        log,
        backoffMs: options.backoffMs ?? 250,
        maxBackoffMs: options.maxBackoffMs ?? 10_000,
        applicationName: options.applicationName ?? 'switchboard-realtime',
        onReconnect: () => {
          for (const listener of [...resyncListeners]) listener();
        },
      });

  let closed = false;
  return {
    async publish(topic, payload) {
      if (closed) throw new Error('realtime bus is closed');
      const json = JSON.stringify({ t: topic, p: payload });
      const bytes = Buffer.byteLength(json);
      if (bytes > REALTIME_MAX_PAYLOAD_BYTES) throw new RealtimePayloadTooLargeError(bytes);
      if (database.pglite) {
        // Embedded mode is one process (the data directory is locked): deliver in-process,
        // without a round trip through the single PGlite connection.
        const copy = JSON.parse(json) as Envelope;
        queueMicrotask(() => dispatch(copy.t, copy.p));
        return;
      }
      await sql`select pg_notify(${REALTIME_CHANNEL}, ${json})`.execute(database.db);
    },
    subscribe(topic, listener) {
      let set = topics.get(topic);
      if (!set) {
        set = new Set();
        topics.set(topic, set);
      }
      set.add(listener);
      return () => {
        const current = topics.get(topic);
        if (!current) return;
        current.delete(listener);
        if (current.size === 0) topics.delete(topic);
      };
    },
    onResync(listener) {
      resyncListeners.add(listener);
      return () => resyncListeners.delete(listener);
    },
    topicCount: () => topics.size,
    async close() {
      if (closed) return;
      closed = true;
      await connection.close();
      await flushing;
      topics.clear();
      resyncListeners.clear();
    },
  };
}

function parseAnnouncement(raw: string): Announcement | null {
  try {
    const value = JSON.parse(raw) as Record<string, unknown>;
    const { w, e, t, y } = value;
    if (typeof w === 'string' && typeof t === 'string' && typeof y === 'string' && typeof e === 'number') {
      return { w, e, t, y };
    }
  } catch {
    // ignore malformed payloads
  }
  return null;
}

type Connection = { close(): Promise<void> };

async function listenPglite(
  database: Database,
  onEvent: (raw: string) => void,
  onRealtime: (raw: string) => void,
): Promise<Connection> {
  const pglite = database.pglite;
  if (!pglite) throw new Error('not an embedded database');
  const stopEvents = await pglite.listen(EVENTS_CHANNEL, onEvent);
  const stopRealtime = await pglite.listen(REALTIME_CHANNEL, onRealtime);
  return {
    close: async () => {
      if (pglite.closed) return;
      await stopEvents().catch(() => {});
      await stopRealtime().catch(() => {});
    },
  };
}

/**
 * A dedicated session (LISTEN cannot go through the pool or a transaction pooler), opened
 * with the pool's own connection settings. When it drops, it is reopened with exponential
 * backoff, and `onReconnect` runs once LISTEN is back.
 */
async function listenPostgres(
  database: Database,
  onEvent: (raw: string) => void,
  onRealtime: (raw: string) => void,
  options: {
    log: Logger | null;
    backoffMs: number;
    maxBackoffMs: number;
    applicationName: string;
    onReconnect: () => void;
  },
): Promise<Connection> {
  const settings = database.pool.options;
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let delay = options.backoffMs;

  const open = async (): Promise<pg.Client> => {
    const next = new pg.Client({
      ...(settings.connectionString ? { connectionString: settings.connectionString } : {}),
      ...(settings.options ? { options: settings.options } : {}),
      host: settings.host,
      port: settings.port,
      user: settings.user,
      password: settings.password,
      database: settings.database,
      ssl: settings.ssl,
      keepAlive: true,
      application_name: options.applicationName,
    });
    next.on('error', () => {});
    next.on('notification', (message) => {
      if (message.payload === undefined) return;
      if (message.channel === EVENTS_CHANNEL) onEvent(message.payload);
      else if (message.channel === REALTIME_CHANNEL) onRealtime(message.payload);
    });
    try {
      await next.connect();
      await next.query(`listen ${EVENTS_CHANNEL}; listen ${REALTIME_CHANNEL}`);
    } catch (error) {
      await next.end().catch(() => {});
      throw error;
    }
    next.once('end', () => {
      if (client === next) client = null;
      if (!stopped) {
        options.log?.warn('realtime: LISTEN connection lost; reconnecting');
        schedule();
      }
    });
    return next;
  };

  const schedule = () => {
    if (stopped || timer) return;
    const wait = Math.round(delay * (0.75 + Math.random() * 0.5));
    delay = Math.min(delay * 2, options.maxBackoffMs);
    timer = setTimeout(async () => {
      timer = null;
      try {
        const next = await open();
        if (stopped) {
          await next.end().catch(() => {});
          return;
        }
        client = next;
        delay = options.backoffMs;
        options.log?.info('realtime: LISTEN connection restored; clients resync');
        options.onReconnect();
      } catch (error) {
        options.log?.warn({ err: error }, 'realtime: reconnect failed; retrying');
        schedule();
      }
    }, wait);
    timer.unref();
  };

  client = await open();
  return {
    close: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
