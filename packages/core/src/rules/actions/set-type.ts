import { z } from 'zod';
import { ticketTypeSchema } from '../../schemas/tickets.ts';
import { defineAction, withTicket } from './action-definition.ts';

/** `ticketType`, not `type`, which names the action; null clears it. */
export const setType = defineAction({
  type: 'set_type',
  schema: z.strictObject({ type: z.literal('set_type'), ticketType: ticketTypeSchema.nullable() }),
  plan: (action) => ({ type: 'set_type' as const, ticketType: action.ticketType }),
  writes: (action) => [{ key: 'type', to: action.ticketType }],
  apply: (effect, facts) => withTicket(facts, { type: effect.ticketType }),
});
