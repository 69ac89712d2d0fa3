import { z } from 'zod';
import { defineAction, withTicket } from './action-definition.ts';

// 'new' means no agent has touched the ticket; no rule can put a ticket back there.
const targetStatuses = ['open', 'pending', 'on_hold', 'solved', 'closed'] as const;

export const setStatus = defineAction({
  type: 'set_status',
  schema: z.strictObject({ type: z.literal('set_status'), status: z.enum(targetStatuses) }),
  plan: (action) => ({ type: 'set_status' as const, status: action.status }),
  writes: (action) => [{ key: 'status', to: action.status }],
  apply: (effect, facts) =>
    effect.status === facts.ticket.status
      ? facts
      : withTicket(facts, { status: effect.status, statusChangedAtMs: facts.nowMs }),
});
