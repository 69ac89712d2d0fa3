import { z } from 'zod';
import { ticketPrioritySchema } from '../../schemas/tickets.ts';
import { defineAction, withTicket } from './action-definition.ts';

export const setPriority = defineAction({
  type: 'set_priority',
  schema: z.strictObject({ type: z.literal('set_priority'), priority: ticketPrioritySchema }),
  plan: (action) => ({ type: 'set_priority' as const, priority: action.priority }),
  writes: (action) => [{ key: 'priority', to: action.priority }],
  apply: (effect, facts) => withTicket(facts, { priority: effect.priority }),
});
