import { z } from 'zod';
import { defineAction } from './action-definition.ts';

/** What spam means for the ticket (closing, blocking the sender) is the server's decision. */
export const markSpam = defineAction({
  type: 'mark_spam',
  schema: z.strictObject({ type: z.literal('mark_spam') }),
  plan: () => ({ type: 'mark_spam' as const }),
});
