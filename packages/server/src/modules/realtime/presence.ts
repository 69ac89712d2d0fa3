/**
 * Agent presence on tickets ("Mina is viewing", "Adam is replying"), across instances.
 *
 * Each instance owns the entries of its own sockets: it writes them to `realtime_presence`
 * (so that a socket subscribing on ANY instance can read the current list in one query),
 * refreshes their expiry on each heartbeat, and broadcasts every change on `ticket:<id>`.
 * An entry without heartbeat for `ttlMs` is swept by its instance, which broadcasts
 * `left`. If the instance itself dies, nobody broadcasts: its rows simply pass their
 * `expires_at` (readers ignore them, any sweep deletes them) and clients drop entries
 * past the `expiresAt` every presence message carries.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import type { RealtimeBus } from '../../platform/realtime-bus.ts';

export type PresenceState = 'viewing' | 'replying' | 'idle';

export type PresenceEntry = {
  connectionId: string;
  userId: string;
  userName: string;
  state: PresenceState;
  expiresAt: string;
};

export type PresenceOwner = { connectionId: string; workspaceId: string; userId: string; userName: string };

export type Presence = {
  set(owner: PresenceOwner, ticketId: string, state: PresenceState): Promise<void>;
  /** Removes the owner's entries (one ticket, or all when the socket closes) and broadcasts `left`. */
  leave(connectionId: string, ticketId?: string): Promise<void>;
  list(workspaceId: string, ticketId: string): Promise<PresenceEntry[]>;
  /** Expires local entries without heartbeat; returns how many it removed. */
  sweep(): Promise<number>;
  close(): Promise<void>;
};

type Local = PresenceOwner & { ticketId: string; state: PresenceState; expiresAt: Date };

export function createPresence(deps: {
  db: Kysely<DB>;
  bus: RealtimeBus;
  clock: Clock;
  ttlMs: number;
  sweepIntervalMs?: number;
  onError?: (error: unknown) => void;
}): Presence {
  const { db, bus, clock, ttlMs } = deps;
  const local = new Map<string, Local>();
  const key = (ticketId: string, connectionId: string) => `${ticketId}|${connectionId}`;
  const onError = deps.onError ?? (() => {});

  const broadcast = (entry: Local, state: PresenceState | 'left') =>
    bus.publish(`ticket:${entry.ticketId}`, {
      type: 'presence',
      ticketId: entry.ticketId,
      connectionId: entry.connectionId,
      userId: entry.userId,
      userName: entry.userName,
      state,
      expiresAt: entry.expiresAt.toISOString(),
    });

  const remove = async (entries: Local[]) => {
    if (entries.length === 0) return;
    for (const entry of entries) local.delete(key(entry.ticketId, entry.connectionId));
    for (const entry of entries) {
      await db
        .deleteFrom('realtime_presence')
        .where('ticket_id', '=', entry.ticketId)
        .where('connection_id', '=', entry.connectionId)
        .execute();
    }
    await Promise.all(entries.map((entry) => broadcast(entry, 'left')));
  };

  const sweep = async () => {
    const now = clock.now();
    const expired = [...local.values()].filter((e) => e.expiresAt.getTime() <= now.getTime());
    await remove(expired);
    // Rows of instances that died: nobody refreshes them any more.
    await db
      .deleteFrom('realtime_presence')
      .where('expires_at', '<', new Date(now.getTime() - ttlMs))
      .execute();
    return expired.length;
  };

  let sweeping = false;
  const timer = setInterval(
    () => {
      if (sweeping) return;
      sweeping = true;
      sweep()
        .catch(onError)
        .finally(() => {
          sweeping = false;
        });
    },
    deps.sweepIntervalMs ?? Math.max(250, Math.min(5_000, Math.floor(ttlMs / 4))),
  );
  timer.unref();

  return {
    async set(owner, ticketId, state) {
      const now = clock.now();
      const entry: Local = { ...owner, ticketId, state, expiresAt: new Date(now.getTime() + ttlMs) };
      local.set(key(ticketId, owner.connectionId), entry);
      await db
        .insertInto('realtime_presence')
        .values({
          workspace_id: owner.workspaceId,
          ticket_id: ticketId,
          connection_id: owner.connectionId,
          user_id: owner.userId,
          user_name: owner.userName,
          state,
          updated_at: now,
          expires_at: entry.expiresAt,
        })
        .onConflict((oc) =>
          oc
            .columns(['ticket_id', 'connection_id'])
            .doUpdateSet({ state, updated_at: now, expires_at: entry.expiresAt }),
        )
        .execute();
      await broadcast(entry, state);
    },
    async leave(connectionId, ticketId) {
      await remove(
        [...local.values()].filter(
          (e) => e.connectionId === connectionId && (ticketId === undefined || e.ticketId === ticketId),
        ),
      );
    },
    async list(workspaceId, ticketId) {
      const rows = await db
        .selectFrom('realtime_presence')
        .select(['connection_id', 'user_id', 'user_name', 'state', 'expires_at'])
        .where('workspace_id', '=', workspaceId)
        .where('ticket_id', '=', ticketId)
        .where('expires_at', '>', clock.now())
        .orderBy('updated_at')
        .execute();
      return rows.map((r) => ({
        connectionId: r.connection_id,
        userId: r.user_id,
        userName: r.user_name,
        state: r.state,
        expiresAt: r.expires_at.toISOString(),
      }));
    },
    sweep,
    async close() {
      clearInterval(timer);
      const entries = [...local.values()];
      local.clear();
      for (const entry of entries) {
        await db
          .deleteFrom('realtime_presence')
          .where('ticket_id', '=', entry.ticketId)
          .where('connection_id', '=', entry.connectionId)
          .execute()
          .catch(onError);
      }
    },
  };
}
