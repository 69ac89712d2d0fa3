/**
 * The agent WebSocket protocol (docs/REALTIME.md): JSON text frames. Client messages are
 * validated here; server messages are plain objects with a `type`.
 */
import { z } from 'zod';

export const MAX_TOPICS_PER_MESSAGE = 50;

const uuid = z.uuid();
const topic = z
  .string()
  .max(100)
  .regex(
    /^(ws|ticket|conversation):[0-9a-fA-F-]{36}$/,
    'a topic is ws:<workspaceId>, ticket:<ticketId> or conversation:<ticketId>',
  );

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), topics: z.array(topic).min(1).max(MAX_TOPICS_PER_MESSAGE) }),
  z.object({ type: z.literal('unsubscribe'), topics: z.array(topic).min(1).max(MAX_TOPICS_PER_MESSAGE) }),
  z.object({
    type: z.literal('presence'),
    ticketId: uuid,
    state: z.enum(['viewing', 'replying', 'idle', 'left']),
  }),
  z.object({
    type: z.literal('typing'),
    ticketId: uuid,
    /** true when the agent types a public reply: the visitor's conversation shows it too. */
    public: z.boolean().optional(),
  }),
  z.object({ type: z.literal('ping') }),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ProtocolError = { type: 'error'; code: string; pointer: string; message: string };

/** The first zod issue as a protocol error with a JSON pointer into the client message. */
export function toProtocolError(error: z.ZodError): ProtocolError {
  const issue = error.issues[0];
  const pointer = issue
    ? `/${issue.path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`
    : '';
  return {
    type: 'error',
    code: 'VALIDATION_FAILED',
    pointer: pointer === '/' ? '' : pointer,
    message: issue?.message ?? 'invalid message',
  };
}

/** Close codes the server uses (RFC 6455 §7.4.1). */
export const closeCodes = {
  normal: 1000,
  goingAway: 1001,
  policyViolation: 1008,
  tooBig: 1009,
  internalError: 1011,
  tryAgainLater: 1013,
} as const;
