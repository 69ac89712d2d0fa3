import { z } from 'zod';
import { tagSchema } from '../../schemas/common.ts';
import { defineAction, withTicket } from './action-definition.ts';

export const removeTags = defineAction({
  type: 'remove_tags',
  schema: z.strictObject({ type: z.literal('remove_tags'), tags: z.array(tagSchema).min(1).max(20) }),
  plan: (action) => ({ type: 'remove_tags' as const, tags: [...new Set(action.tags)] }),
  writes: (action) => [{ key: 'tags', removed: action.tags }],
  apply: (effect, facts) =>
    withTicket(facts, { tags: facts.ticket.tags.filter((tag) => !effect.tags.includes(tag)) }),
});
