/**
 * What the messenger itself puts on the realtime bus: typing and read receipts. Public
 * messages and status changes are published by the realtime module from the events table.
 * `conversation:<ticketId>` is what the visitor's socket forwards; `ticket:<ticketId>` is
 * what agents watching the ticket see.
 */
import { conversationTopic, type RealtimeBus, ticketTopic } from '../../platform/realtime-bus.ts';

export type TypingSignal = { conversationId: string; side: 'visitor' | 'agent'; name: string | null };
export type ReadSignal = {
  conversationId: string;
  side: 'visitor' | 'agent';
  messageId: string;
  readAt: string;
};

export async function publishTyping(bus: RealtimeBus | null, signal: TypingSignal): Promise<void> {
  if (!bus) return;
  const payload = { type: 'messenger.typing', ...signal };
  await bus.publish(
    signal.side === 'visitor' ? ticketTopic(signal.conversationId) : conversationTopic(signal.conversationId),
    payload,
  );
}

/** Both sides learn of a read receipt: agents may show "seen" as well as the visitor. */
export async function publishRead(bus: RealtimeBus | null, signal: ReadSignal): Promise<void> {
  if (!bus) return;
  const payload = { type: 'messenger.read', ...signal };
  await Promise.all([
    bus.publish(conversationTopic(signal.conversationId), payload),
    bus.publish(ticketTopic(signal.conversationId), payload),
  ]);
}
