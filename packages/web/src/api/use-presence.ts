/**
 * Presence on a ticket over the one agent WebSocket that use-live-updates.ts opens
 * (docs/REALTIME.md): subscribe to `ticket:<id>`, announce `viewing`/`replying` with a
 * heartbeat at a third of the server's TTL, `left` when the ticket closes. Others' entries
 * are grouped by user (never yourself) and dropped once their `expiresAt` has passed.
 */
import { useEffect, useRef, useState } from 'react';

export type LiveMessage = {
  type: string;
  topic?: string;
  ticketId?: string;
  connectionId?: string;
  userId?: string;
  userName?: string;
  state?: string;
  expiresAt?: string;
  presenceTtlSeconds?: number;
  entries?: PresenceEntry[];
  message?: { id: string; visibility?: string; authorType?: string; authorId?: string; authorName?: string };
};
export type PresenceEntry = {
  connectionId: string;
  userId: string;
  userName: string;
  state: string;
  expiresAt: string;
};
export type PresenceState = 'viewing' | 'replying';
export type OtherAgent = { userId: string; userName: string; state: PresenceState };
type Hello = { userId: string; presenceTtlSeconds: number };

// The socket lives in use-live-updates.ts, which reports to this channel.
let current: { socket: WebSocket; hello: Hello } | null = null;
const messageListeners = new Set<(message: LiveMessage) => void>();
const openListeners = new Set<(hello: Hello) => void>();

export const liveChannel = {
  opened(socket: WebSocket, message: LiveMessage): void {
    const hello = { userId: message.userId ?? '', presenceTtlSeconds: message.presenceTtlSeconds ?? 30 };
    current = { socket, hello };
    for (const listener of openListeners) listener(hello);
  },
  closed(socket: WebSocket): void {
    if (current?.socket === socket) current = null;
  },
  dispatch(message: LiveMessage): void {
    for (const listener of messageListeners) listener(message);
  },
};

function sendLive(message: object): void {
  if (current?.socket.readyState === WebSocket.OPEN) current.socket.send(JSON.stringify(message));
}

/** Every message of the agent socket, for as long as the component is mounted. */
export function useLiveMessages(listener: (message: LiveMessage) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const forward = (message: LiveMessage) => latest.current(message);
    messageListeners.add(forward);
    return () => {
      messageListeners.delete(forward);
    };
  }, []);
}

export function usePresence(ticketId: string, state: PresenceState): OtherAgent[] {
  const [entries, setEntries] = useState<Map<string, PresenceEntry>>(() => new Map());
  const [nowMs, setNowMs] = useState(() => Date.now());
  // A hidden tab is `idle` (not shown to others; its throttled timers may also miss heartbeats).
  const [hidden, setHidden] = useState(() => document.hidden);
  useEffect(() => {
    const update = () => setHidden(document.hidden);
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  const announced = hidden ? 'idle' : state;
  const stateRef = useRef(announced);
  stateRef.current = announced;
  const id = ticketId.toLowerCase();

  useEffect(() => {
    setEntries(new Map());
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    const announce = () => sendLive({ type: 'presence', ticketId: id, state: stateRef.current });
    const start = (hello: Hello) => {
      sendLive({ type: 'subscribe', topics: [`ticket:${id}`] });
      announce();
      clearInterval(heartbeat);
      heartbeat = setInterval(announce, Math.max(1000, (hello.presenceTtlSeconds * 1000) / 3));
    };
    const onMessage = (message: LiveMessage) => {
      if (message.ticketId?.toLowerCase() !== id) return;
      const me = current?.hello.userId;
      if (message.type === 'presence.list') {
        const next = new Map<string, PresenceEntry>();
        for (const e of message.entries ?? []) if (e.userId !== me) next.set(e.connectionId, e);
        setEntries(next);
      } else if (message.type === 'presence' && message.connectionId && message.userId !== me) {
        const connectionId = message.connectionId;
        setEntries((previous) => {
          const next = new Map(previous);
          if (message.state === 'left' || !message.expiresAt) next.delete(connectionId);
          else
            next.set(connectionId, {
              connectionId,
              userId: message.userId ?? '',
              userName: message.userName ?? '',
              state: message.state ?? 'viewing',
              expiresAt: message.expiresAt,
            });
          return next;
        });
      }
    };
    openListeners.add(start);
    messageListeners.add(onMessage);
    if (current) start(current.hello);
    return () => {
      openListeners.delete(start);
      messageListeners.delete(onMessage);
      clearInterval(heartbeat);
      sendLive({ type: 'presence', ticketId: id, state: 'left' });
      sendLive({ type: 'unsubscribe', topics: [`ticket:${id}`] });
    };
  }, [id]);

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    sendLive({ type: 'presence', ticketId: id, state: announced });
  }, [id, announced]);

  // Entries whose owner stopped sending heartbeats (an instance died) disappear on their own.
  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), 5000);
    return () => clearInterval(timer);
  }, []);

  const byUser = new Map<string, OtherAgent>();
  for (const e of entries.values()) {
    if (Date.parse(e.expiresAt) <= nowMs) continue;
    if (e.state !== 'viewing' && e.state !== 'replying') continue;
    const seen = byUser.get(e.userId);
    if (!seen || e.state === 'replying')
      byUser.set(e.userId, { userId: e.userId, userName: e.userName, state: e.state });
  }
  return [...byUser.values()].sort((a, b) => a.userName.localeCompare(b.userName));
}
