/**
 * The visitor socket with reconnection: after a close it waits 1 s, 2 s, 4 s… up to 30 s
 * (with jitter, so a restarted server is not hit by every visitor at once), and starts over
 * at 1 s once a connection says `ready`. Going back online reconnects at once.
 */
import type { ServerFrame } from './types.ts';

export type VisitorSocket = { send(frame: object): boolean; close(): void };

export function connectSocket(
  url: () => string,
  protocols: () => string[],
  handlers: { onFrame(frame: ServerFrame): void; onDown(): void },
): VisitorSocket {
  let socket: WebSocket | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const open = () => {
    clearTimeout(timer);
    if (stopped) return;
    const ws = new WebSocket(url(), protocols());
    socket = ws;
    ws.onmessage = (event) => {
      const frame = JSON.parse(String(event.data)) as ServerFrame;
      if (frame.type === 'ready') attempt = 0;
      handlers.onFrame(frame);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      handlers.onDown();
      if (stopped) return;
      const delay = Math.min(30_000, 1000 * 2 ** attempt) * (0.75 + Math.random() / 2);
      attempt += 1;
      timer = setTimeout(open, delay);
    };
  };
  const online = () => {
    if (!socket) open();
  };
  addEventListener('online', online);
  open();
  return {
    send(frame) {
      if (socket?.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify(frame));
      return true;
    },
    close() {
      stopped = true;
      clearTimeout(timer);
      removeEventListener('online', online);
      socket?.close();
      socket = null;
    },
  };
}
