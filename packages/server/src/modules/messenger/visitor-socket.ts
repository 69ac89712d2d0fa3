/**
 * One visitor's WebSocket. It forwards the visitor-facing stream (`conversation:<ticketId>`)
 * of the visitor's own conversations only: each conversation is checked before subscribing.
 * Messages are re-read from the database before they go out, so only public messages reach
 * the visitor whatever a publisher put on the bus. Frames are small JSON objects:
 *
 *   visitor → server: {type:'subscribe'|'typing', conversationId}, {type:'read', conversationId, messageId}, {type:'ping'}
 *   server → visitor: {type:'ready'}, {type:'message', message}, {type:'typing', conversationId, name},
 *                     {type:'read', conversationId, side, messageId, readAt}, {type:'status', conversationId, status},
 *                     {type:'resync'}, {type:'pong'}, {type:'error', code, message}
 *
 * Oversized frames and floods close the socket (1009, 1008); a socket that stops answering
 * pings is terminated.
 */
import type { WebSocket } from 'ws';
import type { Deps } from '../../platform/deps.ts';
import { conversationTopic, type RealtimePayload } from '../../platform/realtime-bus.ts';
import { markRead } from './commands/mark-read.ts';
import {
  isConversationOfVisitor,
  listConversationsOfVisitor,
  type VisitorRow,
} from './messenger.repository.ts';
import { publishRead, publishTyping } from './messenger-realtime.ts';
import { loadVisitorMessages } from './visitor-views.ts';

export type VisitorSocketLimits = {
  maxFrameBytes: number;
  framesPerWindow: number;
  windowMs: number;
  maxConversations: number;
  pingIntervalMs: number;
  typingEveryMs: number;
};

const defaults: VisitorSocketLimits = {
  maxFrameBytes: 4096,
  framesPerWindow: 40,
  windowMs: 10_000,
  maxConversations: 50,
  pingIntervalMs: 30_000,
  typingEveryMs: 2_000,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function acceptVisitorSocket(
  deps: Deps,
  socket: WebSocket,
  visitor: VisitorRow,
  overrides: Partial<VisitorSocketLimits>,
): void {
  const limits = { ...defaults, ...overrides };
  const bus = deps.realtime;
  const unsubscribes = new Map<string, () => void>();
  const lastTyping = new Map<string, number>();
  let windowStart = Date.now();
  let frames = 0;
  let alive = true;

  const send = (frame: object) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const fail = (error: unknown) => send({ type: 'error', code: 'INTERNAL_ERROR', message: String(error) });

  const forward = async (ticketId: string, payload: RealtimePayload) => {
    const type = payload.type;
    if (type === 'message.added') {
      const messageId = (payload.message as { id?: unknown } | undefined)?.id;
      if (typeof messageId !== 'string') return;
      const [message] = await loadVisitorMessages(deps.db, visitor.workspace_id, ticketId, messageId);
      if (message) send({ type: 'message', message });
    } else if (type === 'ticket.status') {
      send({ type: 'status', conversationId: ticketId, status: payload.status });
    } else if (
      (type === 'messenger.typing' && payload.side === 'agent') ||
      (type === 'typing' && payload.who === 'agent')
    ) {
      // From POST …/messenger/conversations/{id}/typing or the agent socket's public typing.
      const name = typeof payload.name === 'string' ? (payload.name.split(' ')[0] ?? null) : null;
      send({ type: 'typing', conversationId: ticketId, name });
    } else if (type === 'messenger.read') {
      const { side, messageId, readAt } = payload;
      send({ type: 'read', conversationId: ticketId, side, messageId, readAt });
    }
  };

  const subscribe = (ticketId: string) => {
    if (!bus || unsubscribes.has(ticketId) || unsubscribes.size >= limits.maxConversations) return;
    unsubscribes.set(
      ticketId,
      bus.subscribe(conversationTopic(ticketId), (payload) => {
        forward(ticketId, payload).catch(fail);
      }),
    );
  };

  /** The conversation id when it is one of the visitor's, else null. */
  const owned = async (ticketId: unknown): Promise<string | null> =>
    typeof ticketId === 'string' &&
    UUID.test(ticketId) &&
    (await isConversationOfVisitor(deps.db, visitor, ticketId))
      ? ticketId
      : null;

  const handle = async (frame: Record<string, unknown>) => {
    if (frame.type === 'ping') return send({ type: 'pong' });
    if (frame.type === 'subscribe') {
      const conversationId = await owned(frame.conversationId);
      if (conversationId) subscribe(conversationId);
      else send({ type: 'error', code: 'TICKET_NOT_FOUND', message: 'no such conversation' });
      return;
    }
    if (frame.type === 'typing') {
      const now = Date.now();
      const key = String(frame.conversationId);
      if (now - (lastTyping.get(key) ?? 0) < limits.typingEveryMs) return;
      lastTyping.set(key, now);
      const conversationId = await owned(frame.conversationId);
      if (conversationId) await publishTyping(bus, { conversationId, side: 'visitor', name: visitor.name });
      return;
    }
    if (frame.type === 'read' && typeof frame.messageId === 'string' && UUID.test(frame.messageId)) {
      const conversationId = await owned(frame.conversationId);
      if (!conversationId) return;
      const at = deps.clock.now();
      const messageId = frame.messageId;
      await deps.db.transaction().execute((trx) =>
        markRead(trx, {
          workspaceId: visitor.workspace_id,
          ticketId: conversationId,
          side: 'visitor',
          messageId,
          at,
        }),
      );
      await publishRead(bus, { conversationId, side: 'visitor', messageId, readAt: at.toISOString() });
    }
  };

  socket.on('message', (data: Buffer, isBinary: boolean) => {
    const now = Date.now();
    if (now - windowStart >= limits.windowMs) {
      windowStart = now;
      frames = 0;
    }
    frames += 1;
    if (frames > limits.framesPerWindow) return socket.close(1008, 'too many messages');
    if (isBinary || data.length > limits.maxFrameBytes) return socket.close(1009, 'frame too large');
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString('utf8'));
    } catch {
      return send({ type: 'error', code: 'REQUEST_MALFORMED', message: 'frames are JSON objects' });
    }
    if (typeof frame !== 'object' || frame === null) return;
    handle(frame as Record<string, unknown>).catch(fail);
  });
  socket.on('pong', () => {
    alive = true;
  });
  const pinger = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
  }, limits.pingIntervalMs);
  const stopResync = bus?.onResync(() => send({ type: 'resync' })) ?? (() => {});
  socket.on('close', () => {
    clearInterval(pinger);
    stopResync();
    for (const unsubscribe of unsubscribes.values()) unsubscribe();
    unsubscribes.clear();
  });

  listConversationsOfVisitor(deps.db, visitor, limits.maxConversations)
    .then((rows) => {
      for (const row of rows) subscribe(row.id);
      send({ type: 'ready', conversations: rows.map((row) => row.id) });
    })
    .catch(fail);
}
