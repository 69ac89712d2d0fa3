import { z } from 'zod';
import { tagSchema } from '../../schemas/common.ts';
import { defineAction, withTicket } from './action-definition.ts';

export const addTags = defineAction({
  type: 'add_tags',
  schema: z.strictObject({ type: z.literal('add_tags'), tags: z.array(tagSchema).min(1).max(20) }),
  plan: (action) => ({ type: 'add_tags' as const, tags: [...new Set(action.tags)] }),
  writes: (action) => [{ key: 'tags', added: action.tags }],
  apply: (effect, facts) => withTicket(facts, { tags: [...new Set([...facts.ticket.tags, ...effect.tags])] }),
});
