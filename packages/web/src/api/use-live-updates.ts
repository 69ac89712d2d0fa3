/**
 * Live updates over the agent WebSocket (docs/REALTIME.md): subscribe to the workspace topic
 * and let each ticket event refresh what it touches in the query cache. Events are pokes; the
 * REST API stays the source of truth. Reconnects with backoff; after a gap (`resync`, or a
 * new connection) everything shown is refetched.
 */
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from './query-keys.ts';
import { type LiveMessage, liveChannel } from './use-presence.ts';

type ServerMessage = { type: string; topic?: string; ticketId?: string };

const PING_INTERVAL_MS = 25_000;
const MAX_BACKOFF_MS = 30_000;

export function useLiveUpdates(workspaceId: string): void {
  const client = useQueryClient();
  useEffect(() => {
    let socket: WebSocket | null = null;
    let stopped = false;
    let attempt = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let pingTimer: ReturnType<typeof setInterval> | undefined;

    const connect = () => {
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
      socket = new WebSocket(`${scheme}://${window.location.host}/api/v1/realtime`);
      socket.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as ServerMessage;
        // Presence and collision detection (use-presence.ts) share this socket.
        liveChannel.dispatch(message as LiveMessage);
        if (message.type === 'hello') {
          socket?.send(JSON.stringify({ type: 'subscribe', topics: [`ws:${workspaceId}`] }));
          if (socket) liveChannel.opened(socket, message as LiveMessage);
          // Whatever changed while we were not connected.
          if (attempt > 0) void client.invalidateQueries({ queryKey: queryKeys.allTickets() });
          attempt = 0;
        } else if (message.type === 'resync') {
          void client.invalidateQueries({ queryKey: queryKeys.allTickets() });
        } else if (message.topic?.startsWith('ws:')) {
          applyTicketEvent(client, message);
        }
      };
      socket.onopen = () => {
        pingTimer = setInterval(() => socket?.send('{"type":"ping"}'), PING_INTERVAL_MS);
      };
      socket.onclose = (event) => {
        clearInterval(pingTimer);
        liveChannel.closed(event.target as WebSocket);
        if (stopped) return;
        attempt += 1;
        const delayMs = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
        retryTimer = setTimeout(connect, delayMs);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      socket?.close(1000);
    };
  }, [client, workspaceId]);
}

function applyTicketEvent(client: QueryClient, message: ServerMessage): void {
  void client.invalidateQueries({ queryKey: queryKeys.ticketLists() });
  if (!message.ticketId) return;
  void client.invalidateQueries({ queryKey: queryKeys.ticket(message.ticketId) });
  if (message.type === 'message.added') {
    void client.invalidateQueries({ queryKey: queryKeys.messages(message.ticketId) });
  }
}
