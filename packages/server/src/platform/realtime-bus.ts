/**
 * The realtime bus: topic-addressed, fire-and-forget messages that reach subscribers on
 * every instance sharing the database. The implementation (modules/realtime/bus.ts) carries
 * them over PostgreSQL NOTIFY, so nothing here is durable: a subscriber that was not
 * listening when a message went out never sees it (clients resync through the REST API).
 *
 * Topics:
 * - `ws:<workspaceId>`: ticket events of the workspace (created, updated, message added…).
 * - `ticket:<ticketId>`: the same events for one ticket, plus agent presence and typing.
 * - `conversation:<ticketId>`: the visitor-facing stream: public messages only, agent
 *   typing, read receipts.
 */

/** The largest JSON payload publish() accepts, in bytes (NOTIFY's limit is 8000 with the envelope). */
export const REALTIME_MAX_PAYLOAD_BYTES = 7 * 1024;

export type RealtimePayload = Record<string, unknown>;

export type RealtimeListener = (payload: RealtimePayload) => void;

export type RealtimeBus = {
  /**
   * Sends `payload` to every subscriber of `topic` on every instance (this one included).
   * Rejects when the serialized payload is larger than REALTIME_MAX_PAYLOAD_BYTES.
   */
  publish(topic: string, payload: object): Promise<void>;
  /** Calls `listener` for each message on `topic` from now on; returns the unsubscribe function. */
  subscribe(topic: string, listener: RealtimeListener): () => void;
  /**
   * Called (on this instance) after the bus lost its connection to the database and got it
   * back: messages sent meanwhile are lost, so clients must reload what they show.
   */
  onResync(listener: () => void): () => void;
  close(): Promise<void>;
};

export const workspaceTopic = (workspaceId: string): string => `ws:${workspaceId}`;
export const ticketTopic = (ticketId: string): string => `ticket:${ticketId}`;
export const conversationTopic = (ticketId: string): string => `conversation:${ticketId}`;
